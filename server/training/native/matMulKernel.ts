import * as tf from "@tensorflow/tfjs";
import type { NativeKernels } from "./kernelsApi";
import { type WasmBackendView, wasmMemory, wasmOffset } from "./wasmBackend";
import { registeredKernel } from "../kernels/kernelRegistry";

/**
 * Replaces the wasm backend's BatchMatMul and _FusedMatMul kernels (tf.matMul, and tf.fused.matMul as used by
 * Layers' Dense in evaluation and sampling) with native OpenBLAS sgemm on the tensors' own wasm memory (no
 * copies), plus a native bias + ReLU epilogue for the fused one. Everything else — the other kernels, memory
 * management, the ops' APIs and gradients — stays TensorFlow.js. Cases the native path does not cover (other
 * dtypes, empty products, other activations, PReLU weights, unusual bias shapes) go to the original kernels.
 */

type ProductInputs = {
  a: tf.TensorInfo;
  b: tf.TensorInfo;
  bias?: tf.TensorInfo;
  preluActivationWeights?: tf.TensorInfo;
};
type ProductAttrs = { transposeA: boolean; transposeB: boolean; activation?: string };
type KernelArgs = { inputs: ProductInputs; backend: WasmBackendView; attrs: ProductAttrs };
type KernelFunc = (args: KernelArgs) => tf.TensorInfo;

const NATIVE_ACTIVATIONS = new Set([undefined, "linear", "relu"]);
let installed = false;

function product(dims: number[]): number {
  return dims.reduce((a, d) => a * d, 1);
}

/** C = op(A)·op(B) natively, or null when the original kernel has to handle these operands. */
function nativeProduct(
  addon: NativeKernels,
  { inputs, backend, attrs }: KernelArgs,
): { out: tf.TensorInfo; rows: number; n: number } | null {
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const k = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const kb = transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const n = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  const batchA = product(a.shape.slice(0, -2));
  const batchB = product(b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  const broadcastOk = batchA === batchB || batchA === 1 || batchB === 1;
  if (a.dtype !== "float32" || b.dtype !== "float32" || m * n * k === 0 || k !== kb || !broadcastOk) return null;
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = backend.makeOutput([...outer, m, n], "float32");
  const memory = wasmMemory(backend); // after makeOutput, which may have grown the memory
  const aStride = batchA === 1 ? 0 : m * k;
  const bStride = batchB === 1 ? 0 : k * n;
  addon.sgemm(
    memory,
    wasmOffset(backend, a),
    wasmOffset(backend, b),
    wasmOffset(backend, out),
    batch,
    m,
    n,
    k,
    transposeA ? 1 : 0,
    transposeB ? 1 : 0,
    aStride,
    bStride,
  );
  return { out, rows: batch * m, n };
}

/** A bias the epilogue can add per output column: float32, last dimension n, every other dimension 1. */
function columnBias(bias: tf.TensorInfo | undefined, n: number): boolean {
  return !bias || (bias.dtype === "float32" && bias.shape[bias.shape.length - 1] === n && product(bias.shape) === n);
}

function replace(kernelName: string, make: (fallback: KernelFunc) => KernelFunc): void {
  const original = registeredKernel(kernelName, "wasm");
  if (!original) throw new Error(`native matMul: the wasm backend has no ${kernelName} kernel`);
  // tfjs internals: registered kernels are typed with the abstract KernelBackend; these run on the wasm backend's own.
  const kernelFunc = make(original.kernelFunc as unknown as KernelFunc);
  tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc: kernelFunc as unknown as tf.KernelFunc });
}

/** Installs the native kernels for this thread's wasm backend (idempotent). Returns false when wasm is not active. */
export function installNativeMatMul(addon: NativeKernels): boolean {
  if (installed) return true;
  if (tf.getBackend() !== "wasm") return false;
  replace("BatchMatMul", (fallback) => (args) => nativeProduct(addon, args)?.out ?? fallback(args));
  replace("_FusedMatMul", (fallback) => (args) => {
    const { bias, preluActivationWeights } = args.inputs;
    if (preluActivationWeights || !NATIVE_ACTIVATIONS.has(args.attrs.activation)) return fallback(args);
    const n = args.attrs.transposeB ? args.inputs.b.shape.at(-2)! : args.inputs.b.shape.at(-1)!;
    if (!columnBias(bias, n)) return fallback(args);
    const done = nativeProduct(addon, args);
    if (!done) return fallback(args);
    const relu = args.attrs.activation === "relu";
    if (bias || relu) {
      const memory = wasmMemory(args.backend);
      addon.biasReluColumns(
        memory,
        wasmOffset(args.backend, done.out),
        bias ? wasmOffset(args.backend, bias) : -1,
        done.rows,
        done.n,
        relu ? 1 : 0,
      );
    }
    return done.out;
  });
  installed = true;
  return true;
}

export function nativeMatMulInstalled(): boolean {
  return installed;
}
