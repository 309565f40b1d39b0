import * as tf from "@tensorflow/tfjs";
import { PIXELS, type ConditionKind } from "./config";

/**
 * Builds the condition vector appended to the encoder input (after x) and the decoder input (after z).
 *
 * - "none": null
 * - "label": one-hot digit [b, 10]; needs `labels` [b] (integers 0..9)
 * - "inpaint": [x * mask, mask] = [b, 1568]; needs `mask` [b, 784] or [1, 784] (1 = observed, 0 = hole).
 *   The observed pixels are part of the condition (the seed passed only a constant mask, so nothing about the
 *   visible pixels reached the decoder except through z).
 *
 * @param x [b, 784] pixels in [0, 1]
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
      return tf.tidy(() => tf.oneHot(tf.cast(labels, "int32"), 10).toFloat() as tf.Tensor2D);
    }
    case "inpaint": {
      if (!mask) throw new Error('buildCondition: condition "inpaint" needs a mask');
      if (mask.rank !== 2 || mask.shape[1] !== PIXELS || (mask.shape[0] !== batch && mask.shape[0] !== 1)) {
        throw new Error(`buildCondition: mask must be [${batch} or 1, ${PIXELS}], got [${mask.shape.join(", ")}]`);
      }
      return tf.tidy(() => {
        const fullMask = mask.shape[0] === batch ? mask : tf.tile(mask, [batch, 1]);
        return tf.concat([tf.mul(x, fullMask), fullMask], 1) as tf.Tensor2D;
      });
    }
    default: {
      const never: never = kind;
      throw new Error(`buildCondition: unknown condition ${String(never)}`);
    }
  }
}
