import * as tf from "@tensorflow/tfjs";
import { BERNOULLI_LOGITS } from "../../../lib/model/fusedKernels";
import type { NativeKernels } from "./addon";
import { type WasmBackendView, wasmOffset } from "./wasmBackend";

type KernelArgs = { inputs: { logits: tf.TensorInfo; x: tf.TensorInfo }; backend: WasmBackendView; attrs: { scale: number } };

let installed = false;

/**
 * Registers lib/model/fusedKernels' Bernoulli-logits kernel on this thread's wasm backend, computed natively in
 * one vectorised pass over the tensors' wasm memory. Returns false when wasm is not active.
 */
export function installNativeBernoulli(native: NativeKernels): boolean {
  if (installed) return true;
  if (tf.getBackend() !== "wasm") return false;
  const kernelFunc = ({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] => {
    const { logits, x } = inputs;
    const count = tf.util.sizeFromShape(logits.shape);
    if (logits.dtype !== "float32" || x.dtype !== "float32" || tf.util.sizeFromShape(x.shape) !== count || !tf.util.arraysEqual(logits.shape, x.shape)) {
      throw new Error(`${BERNOULLI_LOGITS}: logits and x must be float32 tensors of one shape`);
    }
    const grad = backend.makeOutput([...logits.shape], "float32");
    const sum = backend.makeOutput([], "float32");
    const memory = backend.wasm.HEAPU8.buffer as ArrayBuffer; // after the allocations, which may grow the memory
    const total = native.bernoulliLogits(memory, wasmOffset(backend, logits), wasmOffset(backend, x), wasmOffset(backend, grad), count, attrs.scale);
    new Float32Array(memory, wasmOffset(backend, sum), 1)[0] = total;
    return [grad, sum];
  };
  tf.registerKernel({ kernelName: BERNOULLI_LOGITS, backendName: "wasm", kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  installed = true;
  return true;
}
