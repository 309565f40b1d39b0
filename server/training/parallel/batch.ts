import { conditionWidth, PIXELS, type ConditionKind } from "../../../lib/model/config";

/**
 * Batch assembly in plain typed arrays, straight from the uint8 dataset through the epoch's permutation.
 *
 * Why not one float tensor of the training set and tf.slice/tf.gather per step: on the wasm backend Slice reads
 * its whole input back to JS first (129 ms per batch from a 60000 × 784 tensor) and Gather took ~2.3 ms per
 * batch; filling 128 × 784 floats here takes ~0.1 ms (already transposed to the step's feature-major layout) and
 * the caller uploads them in one copy (tf.tensor2d), or writes them straight into a gradient worker's shared
 * input buffer.
 */

/** byte → float32 in [0, 1], the same values as `byte / 255` rounded to float32. */
const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, i) => i / 255);

/**
 * Writes images perm[start .. start + n) feature-major, as xᵀ [784, n] floats in [0, 1] (the layout the training
 * step computes in, server/training/kernels/fastGrads.ts): no transpose kernel per step (0.23 ms for 128 × 784 on wasm).
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

/**
 * The condition, feature-major (lib/model/conditions.ts buildCondition, transposed) from a shard's xᵀ [784, n]:
 * "label" → one-hot [10, n]; "inpaint" → [xᵀ·mask; mask] [1568, n] with masks row-major [n, 784] (1 = observed);
 * "none" → null. `out` must hold the condition's width × n floats.
 */
export function fillConditionT(
  kind: ConditionKind,
  xT: Float32Array,
  labels: Int32Array,
  masks: Float32Array | null,
  n: number,
  out: Float32Array,
): Float32Array | null {
  if (kind === "none") return null;
  const width = conditionWidth(kind);
  if (out.length < width * n) throw new Error(`fillConditionT: out holds ${out.length} floats, needs ${width * n}`);
  const cond = out.subarray(0, width * n);
  if (kind === "label") {
    cond.fill(0);
    for (let r = 0; r < n; r++) {
      const digit = labels[r]!;
      if (!(digit >= 0 && digit < 10)) throw new Error(`fillConditionT: label ${digit} is not a digit`);
      cond[digit * n + r] = 1;
    }
    return cond;
  }
  if (!masks || masks.length < n * PIXELS) throw new Error('fillConditionT: condition "inpaint" needs n × 784 masks');
  fillInpaintConditionT(xT, masks, n, cond);
  return cond;
}

/** [xᵀ·mask; mask] into cond [1568, n]; pixel-major loops with local sizes (3.3 → 0.25 ms per 128 images). */
function fillInpaintConditionT(xT: Float32Array, masks: Float32Array, n: number, cond: Float32Array): void {
  const pixels = PIXELS;
  for (let p = 0; p < pixels; p++) {
    const observed = p * n;
    const mask = (pixels + p) * n;
    for (let r = 0; r < n; r++) {
      const m = masks[r * pixels + p]!;
      cond[observed + r] = xT[observed + r]! * m;
      cond[mask + r] = m;
    }
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
