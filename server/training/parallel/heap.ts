import * as tf from "@tensorflow/tfjs";

type HeapBackend = { typedArrayFromHeap?: (t: tf.TensorInfo) => ArrayLike<number> };

/**
 * Copies a float32 tensor's values into `out` at `offset`. On wasm this reads a view of the tensor's heap memory
 * (BackendWasm.typedArrayFromHeap, public on the backend class): one copy and no allocation, where dataSync()
 * allocates a fresh ArrayBuffer and copies twice — per step that was megabytes of garbage for the GC.
 */
export function copyTensorInto(t: tf.Tensor, out: Float32Array, offset: number): void {
  if (t.dtype !== "float32") throw new Error(`copyTensorInto: float32 only, got ${t.dtype}`);
  // wasm memory interop: the wasm backend's typedArrayFromHeap is not part of tfjs's KernelBackend type.
  const backend = tf.backend() as unknown as HeapBackend;
  if (tf.getBackend() === "wasm" && typeof backend.typedArrayFromHeap === "function") {
    out.set(backend.typedArrayFromHeap(t), offset);
  } else {
    out.set(t.dataSync(), offset);
  }
}
