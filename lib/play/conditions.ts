import * as tf from "@tensorflow/tfjs";
import { PIXELS } from "../model/config";
import type { PlayModel } from "./playModel";

/**
 * What to condition a decode on. Only the part matching the model's condition kind is used:
 * label models read `digits` (one per batch row) or `digit`; inpaint models read `image` + `mask`.
 */
export interface ConditionInput {
  digit?: number;
  digits?: number[];
  /** Pixels in [0, 1], 784 floats (the observed image; missing pixels are ignored). */
  image?: Float32Array;
  /** 784 floats, 1 = observed, 0 = missing. Default for inpaint models: everything missing (a free sample). */
  mask?: Float32Array;
}

function checkDigit(d: number): number {
  if (!Number.isInteger(d) || d < 0 || d > 9) throw new Error(`digit must be an integer 0-9, got ${d}`);
  return d;
}

/**
 * The condition tensor for a batch: null for "none", one-hot [batch, 10] for "label",
 * [batch, 1568] = (image * mask) ++ mask for "inpaint" (the same row repeated).
 */
export function buildConditionTensor(m: PlayModel, batch: number, c: ConditionInput = {}): tf.Tensor2D | null {
  switch (m.condition) {
    case "none":
      return null;
    case "label": {
      const digits = c.digits ?? new Array<number>(batch).fill(c.digit ?? 0);
      if (digits.length !== batch) throw new Error(`need ${batch} digits, got ${digits.length}`);
      return tf.tidy(() => tf.oneHot(tf.tensor1d(digits.map(checkDigit), "int32"), 10).toFloat() as tf.Tensor2D);
    }
    case "inpaint": {
      const mask = c.mask ?? new Float32Array(PIXELS);
      const image = c.image ?? new Float32Array(PIXELS);
      if (mask.length !== PIXELS || image.length !== PIXELS) throw new Error("image and mask must have 784 values");
      const row = new Float32Array(PIXELS * 2);
      for (let i = 0; i < PIXELS; i++) {
        row[i] = (image[i] ?? 0) * (mask[i] ?? 0);
        row[PIXELS + i] = mask[i] ?? 0;
      }
      return tf.tidy(() => tf.tile(tf.tensor2d(row, [1, PIXELS * 2]), [batch, 1]) as tf.Tensor2D);
    }
    default: {
      const never: never = m.condition;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}
