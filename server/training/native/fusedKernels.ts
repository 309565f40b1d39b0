import * as tf from "@tensorflow/tfjs";
import {
  BERNOULLI_LOGITS,
  BERNOULLI_ROW_LOGLIK,
  DENSE_BACKWARD_T,
  DENSE_FORWARD_T,
  GAUSSIAN_LATENT,
  GAUSSIAN_LATENT_GRAD,
  GAUSSIAN_LATENT_PRIOR,
  GAUSSIAN_LATENT_PRIOR_GRAD,
} from "../kernels/fusedKernels";
import type { NativeKernels } from "./kernelsApi";
import { type WasmBackendView, wasmMemory, wasmOffset } from "./wasmBackend";

/**
 * Registers server/training/kernels/fusedKernels' fused training kernels on this thread's wasm backend, computed natively
 * (native/kernels/src/ops.c) on the tensors' own wasm memory. Each replaces a chain of 3–12 tfjs launches (about
 * 20 µs of JS each, plus the wasm kernels themselves) with one call. The stock-op compositions in lib/ stay the
 * reference and the fallback; tests/unit/server/training/native/fusedKernels.test.ts compares the two.
 */

type Inputs = Record<string, tf.TensorInfo>;
type Args = { inputs: Inputs; backend: WasmBackendView; attrs: Record<string, number | boolean> };

function input(inputs: Inputs, name: string, rank: number, kernel: string): tf.TensorInfo & { shape: number[] } {
  const t = inputs[name];
  if (!t || t.dtype !== "float32" || t.shape.length !== rank)
    throw new Error(`${kernel}: ${name} must be a float32 tensor of rank ${rank}`);
  return t;
}

function requireShape(ok: boolean, kernel: string, what: string): void {
  if (!ok) throw new Error(`${kernel}: ${what}`);
}

function writeScalar(backend: WasmBackendView, t: tf.TensorInfo, value: number): void {
  new Float32Array(wasmMemory(backend), wasmOffset(backend, t), 1)[0] = value;
}

function kernels(native: NativeKernels): Record<string, (args: Args) => tf.TensorInfo[]> {
  return {
    [BERNOULLI_LOGITS]: ({ inputs, backend, attrs }) => {
      const logits = inputs["logits"];
      const x = inputs["x"];
      requireShape(
        !!logits &&
          !!x &&
          logits.dtype === "float32" &&
          x.dtype === "float32" &&
          tf.util.arraysEqual(logits.shape, x.shape),
        BERNOULLI_LOGITS,
        "logits and x must be float32 tensors of one shape",
      );
      const grad = backend.makeOutput([...logits!.shape], "float32");
      const sum = backend.makeOutput([], "float32");
      const count = tf.util.sizeFromShape(logits!.shape);
      const total = native.bernoulliLogits(
        wasmMemory(backend),
        wasmOffset(backend, logits!),
        wasmOffset(backend, x!),
        wasmOffset(backend, grad),
        count,
        Number(attrs["scale"]),
      );
      writeScalar(backend, sum, total);
      return [grad, sum];
    },
    [DENSE_FORWARD_T]: ({ inputs, backend, attrs }) => {
      const w = input(inputs, "w", 2, DENSE_FORWARD_T);
      const hT = input(inputs, "hT", 2, DENSE_FORWARD_T);
      const bias = input(inputs, "bias", 1, DENSE_FORWARD_T);
      const [inF, outF] = w.shape as [number, number];
      const b = hT.shape[1]!;
      requireShape(
        hT.shape[0] === inF && bias.shape[0] === outF && b > 0,
        DENSE_FORWARD_T,
        `w [${w.shape}], hT [${hT.shape}], bias [${bias.shape}] do not fit`,
      );
      const out = backend.makeOutput([outF, b], "float32");
      native.denseForward(
        wasmMemory(backend),
        wasmOffset(backend, w),
        wasmOffset(backend, hT),
        wasmOffset(backend, bias),
        wasmOffset(backend, out),
        inF,
        outF,
        b,
        attrs["relu"] ? 1 : 0,
      );
      return [out];
    },
    [DENSE_BACKWARD_T]: ({ inputs, backend, attrs }) => {
      const w = input(inputs, "w", 2, DENSE_BACKWARD_T);
      const hT = input(inputs, "hT", 2, DENSE_BACKWARD_T);
      const dzT = input(inputs, "dzT", 2, DENSE_BACKWARD_T);
      const [inF, outF] = w.shape as [number, number];
      const b = hT.shape[1]!;
      const inRows = Number(attrs["inRows"]);
      const reluMask = !!attrs["reluMask"];
      requireShape(
        hT.shape[0] === inF && dzT.shape[0] === outF && dzT.shape[1] === b && b > 0,
        DENSE_BACKWARD_T,
        `w [${w.shape}], hT [${hT.shape}], dzT [${dzT.shape}] do not fit`,
      );
      requireShape(
        Number.isInteger(inRows) && inRows >= 0 && inRows <= inF && (!reluMask || inRows === inF),
        DENSE_BACKWARD_T,
        `inRows ${inRows} (reluMask ${reluMask}) for ${inF} inputs`,
      );
      const dW = backend.makeOutput([inF, outF], "float32");
      const db = backend.makeOutput([outF], "float32");
      const dIn = inRows > 0 ? backend.makeOutput([inRows, b], "float32") : null;
      native.denseBackward(
        wasmMemory(backend),
        wasmOffset(backend, w),
        wasmOffset(backend, hT),
        wasmOffset(backend, dzT),
        wasmOffset(backend, dW),
        wasmOffset(backend, db),
        dIn ? wasmOffset(backend, dIn) : 0,
        inF,
        outF,
        b,
        inRows,
        reluMask ? 1 : 0,
      );
      return dIn ? [dW, db, dIn] : [dW, db];
    },
    [GAUSSIAN_LATENT]: ({ inputs, backend }) => {
      const encT = input(inputs, "encT", 2, GAUSSIAN_LATENT);
      const epsT = input(inputs, "epsT", 2, GAUSSIAN_LATENT);
      const L = epsT.shape[0]!;
      const b = epsT.shape[1]!;
      requireShape(
        encT.shape[0] === 2 * L && encT.shape[1] === b && b > 0 && L > 0,
        GAUSSIAN_LATENT,
        `encT [${encT.shape}] must be [2·${L}, ${b}]`,
      );
      const zT = backend.makeOutput([L, b], "float32");
      const kl = backend.makeOutput([], "float32");
      const total = native.gaussianLatent(
        wasmMemory(backend),
        wasmOffset(backend, encT),
        wasmOffset(backend, epsT),
        wasmOffset(backend, zT),
        L,
        b,
      );
      writeScalar(backend, kl, total);
      return [zT, kl];
    },
    [GAUSSIAN_LATENT_GRAD]: ({ inputs, backend, attrs }) => {
      const dzT = input(inputs, "dzT", 2, GAUSSIAN_LATENT_GRAD);
      const encT = input(inputs, "encT", 2, GAUSSIAN_LATENT_GRAD);
      const epsT = input(inputs, "epsT", 2, GAUSSIAN_LATENT_GRAD);
      const L = epsT.shape[0]!;
      const b = epsT.shape[1]!;
      requireShape(
        encT.shape[0] === 2 * L && encT.shape[1] === b && tf.util.arraysEqual(dzT.shape, epsT.shape) && b > 0 && L > 0,
        GAUSSIAN_LATENT_GRAD,
        `dzT [${dzT.shape}], encT [${encT.shape}], epsT [${epsT.shape}] do not fit`,
      );
      const dEnc = backend.makeOutput([2 * L, b], "float32");
      native.gaussianLatentGrad(
        wasmMemory(backend),
        wasmOffset(backend, dzT),
        wasmOffset(backend, encT),
        wasmOffset(backend, epsT),
        wasmOffset(backend, dEnc),
        L,
        b,
        Number(attrs["klScale"]),
      );
      return [dEnc];
    },
    [GAUSSIAN_LATENT_PRIOR]: ({ inputs, backend }) => {
      const encT = input(inputs, "encT", 2, GAUSSIAN_LATENT_PRIOR);
      const epsT = input(inputs, "epsT", 2, GAUSSIAN_LATENT_PRIOR);
      const priorT = input(inputs, "priorT", 2, GAUSSIAN_LATENT_PRIOR);
      const L = epsT.shape[0]!;
      const b = epsT.shape[1]!;
      requireShape(
        tf.util.arraysEqual(encT.shape, [2 * L, b]) && tf.util.arraysEqual(priorT.shape, [2 * L, b]) && b > 0 && L > 0,
        GAUSSIAN_LATENT_PRIOR,
        `encT [${encT.shape}] and priorT [${priorT.shape}] must be [2·${L}, ${b}]`,
      );
      const zT = backend.makeOutput([L, b], "float32");
      const kl = backend.makeOutput([], "float32");
      const total = native.gaussianLatentPrior(
        wasmMemory(backend),
        wasmOffset(backend, encT),
        wasmOffset(backend, epsT),
        wasmOffset(backend, priorT),
        wasmOffset(backend, zT),
        L,
        b,
      );
      writeScalar(backend, kl, total);
      return [zT, kl];
    },
    [GAUSSIAN_LATENT_PRIOR_GRAD]: ({ inputs, backend, attrs }) => {
      const dzT = input(inputs, "dzT", 2, GAUSSIAN_LATENT_PRIOR_GRAD);
      const encT = input(inputs, "encT", 2, GAUSSIAN_LATENT_PRIOR_GRAD);
      const epsT = input(inputs, "epsT", 2, GAUSSIAN_LATENT_PRIOR_GRAD);
      const priorT = input(inputs, "priorT", 2, GAUSSIAN_LATENT_PRIOR_GRAD);
      const L = epsT.shape[0]!;
      const b = epsT.shape[1]!;
      requireShape(
        tf.util.arraysEqual(encT.shape, [2 * L, b]) &&
          tf.util.arraysEqual(priorT.shape, [2 * L, b]) &&
          tf.util.arraysEqual(dzT.shape, epsT.shape) &&
          b > 0 &&
          L > 0,
        GAUSSIAN_LATENT_PRIOR_GRAD,
        `dzT [${dzT.shape}], encT [${encT.shape}], epsT [${epsT.shape}], priorT [${priorT.shape}] do not fit`,
      );
      const dEnc = backend.makeOutput([2 * L, b], "float32");
      const dPrior = backend.makeOutput([2 * L, b], "float32");
      native.gaussianLatentPriorGrad(
        wasmMemory(backend),
        wasmOffset(backend, dzT),
        wasmOffset(backend, encT),
        wasmOffset(backend, epsT),
        wasmOffset(backend, priorT),
        wasmOffset(backend, dEnc),
        wasmOffset(backend, dPrior),
        L,
        b,
        Number(attrs["klScale"]),
      );
      return [dEnc, dPrior];
    },
    [BERNOULLI_ROW_LOGLIK]: ({ inputs, backend, attrs }) => {
      const logits = input(inputs, "logits", 2, BERNOULLI_ROW_LOGLIK);
      const x = input(inputs, "x", 2, BERNOULLI_ROW_LOGLIK);
      const [rows, cols] = logits.shape as [number, number];
      const repeats = Number(attrs["repeats"]);
      requireShape(
        Number.isInteger(repeats) &&
          repeats >= 1 &&
          rows > 0 &&
          rows % repeats === 0 &&
          tf.util.arraysEqual(x.shape, [rows / repeats, cols]),
        BERNOULLI_ROW_LOGLIK,
        `logits [${logits.shape}], x [${x.shape}], repeats ${repeats} do not fit`,
      );
      const out = backend.makeOutput([rows], "float32");
      native.bernoulliRowLogLik(
        wasmMemory(backend),
        wasmOffset(backend, logits),
        wasmOffset(backend, x),
        wasmOffset(backend, out),
        rows,
        cols,
        repeats,
      );
      return [out];
    },
  };
}

let installed = false;

/** Registers every fused kernel on the wasm backend (idempotent). Returns false when wasm is not active. */
export function installNativeFusedKernels(native: NativeKernels): boolean {
  if (installed) return true;
  if (tf.getBackend() !== "wasm") return false;
  for (const [kernelName, kernelFunc] of Object.entries(kernels(native))) {
    // tfjs internals: KernelFunc takes the abstract KernelBackend and NamedAttrMap; ours take the wasm backend's own.
    tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
  installed = true;
  return true;
}
