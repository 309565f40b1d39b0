import { PIXELS } from "../../../lib/model/config";

/**
 * Batch assembly in plain typed arrays, straight from the uint8 dataset through the epoch's permutation, already in
 * the step's feature-major layout: the caller uploads them in one copy (tf.tensor2d) or writes them straight into a
 * gradient worker's shared input buffer. Not tf.slice/tf.gather per step: on wasm they cost far more than this loop
 * (docs/performance.md, "History from code comments").
 */

/** byte → float32 in [0, 1], the same values as `byte / 255` rounded to float32. */
const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, i) => i / 255);

/**
 * Writes images perm[start .. start + n) feature-major, as xᵀ [784, n] floats in [0, 1] (the layout the training
 * step computes in, server/training/kernels/fastGrads.ts): no transpose kernel per step.
 */
export function fillImagesT(images: Uint8Array, perm: Int32Array, start: number, n: number, out: Float32Array): void {
  if (out.length < n * PIXELS) throw new Error(`fillImagesT: out holds ${out.length} floats, needs ${n * PIXELS}`);
  const pixels = PIXELS;
  const unit = BYTE_TO_UNIT;
  for (let r = 0; r < n; r++) {
    const src = (perm[start + r] ?? 0) * pixels;
    for (let p = 0, dst = r; p < pixels; p++, dst += n) out[dst] = unit[images[src + p]!]!;
  }
}

/** Rows [from, to) of a row-major [rows, cols] array, transposed into out as [cols, to − from]. */
export function transposeRows(src: Float32Array, cols: number, from: number, to: number, out: Float32Array): void {
  const n = to - from;
  if (out.length < n * cols || src.length < to * cols) throw new Error("transposeRows: arrays too short");
  for (let r = 0; r < n; r++) {
    const row = (from + r) * cols;
    for (let c = 0; c < cols; c++) out[c * n + r] = src[row + c]!;
  }
}

/** Writes labels perm[start .. start + n) into out (from offset 0). */
export function fillLabels(labels: Uint8Array, perm: Int32Array, start: number, n: number, out: Int32Array): void {
  for (let r = 0; r < n; r++) out[r] = labels[perm[start + r] ?? 0] ?? 0;
}

/** Rows [from, to) of a batch split into `parts` near-equal contiguous shards (shard k of parts). */
export function shardRange(size: number, parts: number, k: number): { from: number; to: number } {
  return { from: Math.floor((k * size) / parts), to: Math.floor(((k + 1) * size) / parts) };
}
