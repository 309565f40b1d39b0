import * as tf from "@tensorflow/tfjs";
import { conditionWidth, PIXELS, type ConditionKind } from "./config";

/**
 * The condition layout, in one place: the vector appended to the encoder input (after x) and the decoder input
 * (after z). Training (server/training/parallel), the server's sample grids and evaluation, and the browser's
 * Play view all build it through `fillConditionT`.
 *
 * - "none": no condition
 * - "label": one-hot digit, 10 wide
 * - "inpaint": [x · mask, mask], 1568 wide (mask: 1 = observed, 0 = hole). The observed pixels are part of the
 *   condition, so the visible pixels reach the decoder directly, not only through z.
 */

/**
 * The condition feature-major, as [width, n] (the layout the training step computes in) from xᵀ [784, n]:
 * "label" → one-hot [10, n]; "inpaint" → [xᵀ·mask; mask] [1568, n] with masks row-major [n, 784];
 * "none" → null. `out` must hold conditionWidth(kind) × n floats; the result is a view of it.
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

/** [xᵀ·mask; mask] into cond [1568, n]; pixel-major loops with local sizes: the training hot path. */
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

/**
 * The condition of a batch as a tensor [n, width] (null for "none"), from row-major arrays: images [n, 784] in
 * [0, 1], one label per row, masks [n, 784].
 */
export function conditionTensor(
  kind: ConditionKind,
  n: number,
  rows: { images?: Float32Array; labels?: Int32Array; masks?: Float32Array | null },
): tf.Tensor2D | null {
  if (kind === "none") return null;
  const width = conditionWidth(kind);
  const xT = new Float32Array(PIXELS * n);
  const images = rows.images;
  if (kind === "inpaint" && images)
    for (let r = 0; r < n; r++) for (let p = 0; p < PIXELS; p++) xT[p * n + r] = images[r * PIXELS + p]!;
  const cond = fillConditionT(
    kind,
    xT,
    rows.labels ?? new Int32Array(n),
    rows.masks ?? null,
    n,
    new Float32Array(width * n),
  )!;
  return tf.tidy(() => tf.tensor2d(cond, [width, n]).transpose<tf.Tensor2D>());
}

/**
 * `conditionTensor` from tensors (the server's sample grids and evaluation).
 *
 * @param x [b, 784] pixels in [0, 1]
 * @param labels [b] integers 0..9, for "label"
 * @param mask [b, 784] or [1, 784] (1 = observed, 0 = hole), for "inpaint"
 */
export function buildCondition(
  kind: ConditionKind,
  x: tf.Tensor2D,
  labels: tf.Tensor1D | null,
  mask: tf.Tensor2D | null,
): tf.Tensor2D | null {
  if (x.rank !== 2 || x.shape[1] !== PIXELS) {
    throw new Error(`buildCondition: x must be [batch, ${PIXELS}], got [${x.shape.join(", ")}]`);
  }
  const batch = x.shape[0];
  switch (kind) {
    case "none":
      return null;
    case "label": {
      if (!labels) throw new Error('buildCondition: condition "label" needs labels');
      if (labels.rank !== 1 || labels.shape[0] !== batch) {
        throw new Error(`buildCondition: labels must be [${batch}], got [${labels.shape.join(", ")}]`);
      }
      return conditionTensor(kind, batch, { labels: Int32Array.from(labels.dataSync()) });
    }
    case "inpaint": {
      if (!mask) throw new Error('buildCondition: condition "inpaint" needs a mask');
      if (mask.rank !== 2 || mask.shape[1] !== PIXELS || (mask.shape[0] !== batch && mask.shape[0] !== 1)) {
        throw new Error(`buildCondition: mask must be [${batch} or 1, ${PIXELS}], got [${mask.shape.join(", ")}]`);
      }
      return conditionTensor(kind, batch, {
        images: x.dataSync() as Float32Array,
        masks: repeatRows(mask.dataSync() as Float32Array, batch),
      });
    }
    default: {
      const never: never = kind;
      throw new Error(`buildCondition: unknown condition ${String(never)}`);
    }
  }
}

/** `rows` row-major [k, 784] as [n, 784]: itself when k = n, its one row repeated when k = 1. */
export function repeatRows(rows: Float32Array, n: number): Float32Array {
  if (rows.length === n * PIXELS) return rows;
  const out = new Float32Array(n * PIXELS);
  for (let r = 0; r < n; r++) out.set(rows.subarray(0, PIXELS), r * PIXELS);
  return out;
}
