import type * as tf from "@tensorflow/tfjs";

/** The parts of tfjs-backend-wasm's BackendWasm that native kernels use (public members of the class). */
export interface WasmBackendView {
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  wasm: { HEAPU8: Uint8Array };
}

/** The wasm memory. Read it after allocating a kernel's outputs: an allocation may grow (and replace) it. */
export function wasmMemory(backend: WasmBackendView): ArrayBuffer {
  return backend.wasm.HEAPU8.buffer as ArrayBuffer;
}

/** Byte offset of a tensor's data in the wasm memory. */
export function wasmOffset(backend: WasmBackendView, t: tf.TensorInfo): number {
  const d = backend.dataIdMap.get(t.dataId);
  if (!d) throw new Error("native kernel: tensor data not found on the wasm backend");
  return d.memoryOffset;
}
