import * as tf from "@tensorflow/tfjs";

/**
 * Names of optional fused kernels that a backend may register (the server registers native ones on wasm, see
 * server/training/native/). Code here uses a fused kernel only when the active backend has it and otherwise
 * composes the same maths from stock ops, so results never depend on which path ran.
 */
export const BERNOULLI_LOGITS = "VaeBernoulliLogits";

/**
 * The Bernoulli negative log-likelihood of pixels x given logits l: returns Σ softplus(l) − x·l (a scalar) and
 * its gradient (sigmoid(l) − x) · scale. Fused: one pass instead of 8 kernels (softplus alone is a slow scalar
 * kernel on wasm).
 */
export function bernoulliLogits(logits: tf.Tensor, x: tf.Tensor, scale: number): { sum: tf.Scalar; grad: tf.Tensor } {
  if (tf.getKernel(BERNOULLI_LOGITS, tf.getBackend())) {
    const [grad, sum] = tf.engine().runKernel(BERNOULLI_LOGITS, { logits, x }, { scale }) as unknown as [tf.Tensor, tf.Scalar];
    return { sum: sum!, grad: grad! };
  }
  return tf.tidy(() => ({
    sum: tf.sub(tf.sum(tf.softplus(logits)), tf.sum(tf.mul(x, logits))) as tf.Scalar,
    grad: tf.mul(tf.sub(tf.sigmoid(logits), x), scale),
  }));
}
