import * as tf from "@tensorflow/tfjs";
import type { NativeKernels } from "./addon";
import { type WasmBackendView, wasmOffset } from "./wasmBackend";

/**
 * Replaces the wasm backend's BatchMatMul kernel with one that calls native OpenBLAS sgemm on the tensors' own
 * wasm memory (no copies). Everything else — the other kernels, memory management, tf.matMul's API and
 * gradients — stays TensorFlow.js. Non-float32 or empty products fall back to the original kernel.
 */

type KernelArgs = { inputs: { a: tf.TensorInfo; b: tf.TensorInfo }; backend: WasmBackendView; attrs: { transposeA: boolean; transposeB: boolean } };

const KERNEL = "BatchMatMul";
let installed = false;

function product(dims: number[]): number {
  return dims.reduce((a, d) => a * d, 1);
}

/** Installs the native kernel for this thread's wasm backend (idempotent). Returns false when wasm is not active. */
export function installNativeMatMul(addon: NativeKernels): boolean {
  if (installed) return true;
  if (tf.getBackend() !== "wasm") return false;
  const original = tf.getKernel(KERNEL, "wasm");
  if (!original) return false;
  const fallback = original.kernelFunc as unknown as (args: KernelArgs) => tf.TensorInfo;

  const kernelFunc = (args: KernelArgs): tf.TensorInfo => {
    const { inputs, backend, attrs } = args;
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
    if (a.dtype !== "float32" || b.dtype !== "float32" || m * n * k === 0 || k !== kb || !broadcastOk) {
      return fallback(args); // the original kernel handles (and reports) these cases
    }
    const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const out = backend.makeOutput([...outer, m, n], "float32");
    // Read the buffer after makeOutput: an allocation may have grown (and replaced) the wasm memory.
    const memory = backend.wasm.HEAPU8.buffer as ArrayBuffer;
    const aStride = batchA === 1 ? 0 : m * k;
    const bStride = batchB === 1 ? 0 : k * n;
    addon.sgemm(memory, wasmOffset(backend, a), wasmOffset(backend, b), wasmOffset(backend, out), batch, m, n, k, transposeA ? 1 : 0, transposeB ? 1 : 0, aStride, bStride);
    return out;
  };

  tf.unregisterKernel(KERNEL, "wasm");
  tf.registerKernel({ kernelName: KERNEL, backendName: "wasm", kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  installed = true;
  return true;
}

export function nativeMatMulInstalled(): boolean {
  return installed;
}
