import * as tf from "@tensorflow/tfjs";
import { PIXELS } from "../model/config";
import { conditionTensor, repeatRows } from "../model/conditions";
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
 * The condition tensor for a batch (lib/model/conditions.ts has the layout): null for "none", one-hot
 * [batch, 10] for "label", [batch, 1568] = (image * mask) ++ mask for "inpaint" (the same row repeated).
 */
export function buildConditionTensor(m: PlayModel, batch: number, c: ConditionInput = {}): tf.Tensor2D | null {
  switch (m.condition) {
    case "none":
      return null;
    case "label": {
      const digits = c.digits ?? new Array<number>(batch).fill(c.digit ?? 0);
      if (digits.length !== batch) throw new Error(`need ${batch} digits, got ${digits.length}`);
      return conditionTensor("label", batch, { labels: Int32Array.from(digits.map(checkDigit)) });
    }
    case "inpaint": {
      const mask = c.mask ?? new Float32Array(PIXELS);
      const image = c.image ?? new Float32Array(PIXELS);
      if (mask.length !== PIXELS || image.length !== PIXELS) throw new Error("image and mask must have 784 values");
      return conditionTensor("inpaint", batch, { images: repeatRows(image, batch), masks: repeatRows(mask, batch) });
    }
    default: {
      const never: never = m.condition;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}
