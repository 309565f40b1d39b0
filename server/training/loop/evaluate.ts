import * as tf from "@tensorflow/tfjs";
import type { VaeModels } from "../../../lib/model/build";
import { buildCondition } from "../../../lib/model/conditions";
import { PIXELS } from "../../../lib/model/config";
import { negElbo } from "../../../lib/model/vae";

const EVAL_BATCH = 500;

/**
 * The noise testNegElbo draws, as one array [n, latent] (the same values: tf.randomNormal per batch of EVAL_BATCH
 * with seed + batch index), for evaluations that run outside tfjs (the native step's, trainer.ts).
 */
export function evaluationNoise(n: number, latent: number, seed: number): Float32Array {
  const out = new Float32Array(n * latent);
  for (let start = 0, i = 0; start < n; start += EVAL_BATCH, i++) {
    const size = Math.min(EVAL_BATCH, n - start);
    const eps = tf.randomNormal([size, latent], 0, 1, "float32", seed + i);
    out.set(eps.dataSync(), start * latent);
    eps.dispose();
  }
  return out;
}

/**
 * Test negative ELBO (β = 1, one z sample per image, fixed eps seed so epochs are comparable), means per image.
 * Inpainting models are evaluated with the centred hole `hole` [1, 784]; label models with the true labels.
 *
 * @param x [n, 784] in [0, 1]; @param labels [n] int32
 */
export function testNegElbo(
  m: VaeModels,
  x: tf.Tensor2D,
  labels: tf.Tensor1D,
  hole: tf.Tensor2D,
  seed: number,
): { negElbo: number; recon: number; kl: number } {
  const n = x.shape[0];
  // Batches from one read-back of the inputs, not tf.slice: wasm's Slice copies its whole input to JS on every call
  // (20 × 31 MB for the 10k test images: ~0.7 s of each epoch's ~0.9 s evaluation).
  const xs = x.dataSync() as Float32Array;
  const ls = labels.dataSync() as Int32Array;
  const sums = tf.tidy(() => {
    let acc = tf.zeros([3]);
    for (let start = 0, i = 0; start < n; start += EVAL_BATCH, i++) {
      const size = Math.min(EVAL_BATCH, n - start);
      const xb = tf.tensor2d(xs.subarray(start * PIXELS, (start + size) * PIXELS), [size, PIXELS]);
      const lb = tf.tensor1d(ls.subarray(start, start + size), "int32");
      const cond = buildCondition(m.config.condition, xb, lb, hole);
      const eps = tf.randomNormal<tf.Rank.R2>([size, m.config.latentDim], 0, 1, "float32", seed + i);
      const r = negElbo(m, xb, cond, eps, 1);
      acc = tf.add(acc, tf.mul(tf.stack([r.loss, r.recon, r.kl]), size));
    }
    return acc;
  });
  const [loss = NaN, recon = NaN, kl = NaN] = Array.from(sums.dataSync());
  sums.dispose();
  return { negElbo: loss / n, recon: recon / n, kl: kl / n };
}
