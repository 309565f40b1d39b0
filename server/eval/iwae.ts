import * as tf from "@tensorflow/tfjs";
import type { VaeModels } from "../../lib/model/build";
import { PIXELS } from "../../lib/model/config";
import { bernoulliRowLogLik } from "../training/kernels/fusedKernels";
import { priorMoments } from "../../lib/model/prior";
import { denseWeights, encode } from "../../lib/model/vae";
import { deriveSeed, gaussianFill } from "../training/loop/random";

/**
 * The importance-weighted estimate of −log p(x) (Burda et al. 2016, "IWAE bound"): with k draws z_i ~ q(z | x, c),
 *   log p̂(x | c) = log (1/k) Σ_i p(x | z_i, c) · p(z_i | c) / q(z_i | x, c),
 * a lower bound on log p(x | c) that tightens as k grows and equals the ELBO's single-sample estimate at k = 1. p(z | c)
 * is the model's prior: N(0, I), or the learned label prior. For conditional models this is −log p(x | condition),
 * with the condition built as for the test ELBO (the true label; the centred 10×10 hole for inpainting).
 *
 * The k samples of an image go through the decoder together (rows image-major); the condition's share of the first
 * decoder layer is computed once per image, not once per sample, and log p(x | z) per sample is one fused kernel
 * (server/training/kernels/fusedKernels.ts bernoulliRowLogLik). Noise is seeded per image (mulberry32 via gaussianFill), so an
 * estimate is reproducible and does not depend on how images are batched; different seeds show its Monte Carlo spread.
 */

export interface IwaeOptions {
  /** Importance samples per image. */
  k: number;
  seed?: number;
  /** Decoder rows (images × samples) per batch: bounds memory (rows × 784 floats of logits). */
  maxRows?: number;
  onProgress?: (imagesDone: number, total: number) => void;
}

export interface IwaeEstimate {
  /** Mean over images of −log p̂(x | condition), nats per image. */
  negLogLik: number;
  /** Standard error of that mean over the images (their spread / √n; the Monte Carlo spread needs other seeds). */
  stdErr: number;
  /** −log p̂ of every image (float64), in order. */
  perImage: Float64Array;
  k: number;
  n: number;
  seconds: number;
}

/** What the estimator needs of the data: images (bytes 0..255, or floats in [0, 1]) and labels. */
export interface IwaeData {
  images: Uint8Array | Float32Array;
  labels: Uint8Array;
  count: number;
}

const LOG_2PI = Math.log(2 * Math.PI);
const DEFAULT_MAX_ROWS = 8192;

/**
 * @param condition builds the condition rows [b, condWidth] of images [b, 784] with labels [b] (null for "none"):
 *   the same function the test ELBO uses, so both measure p(x | the same condition).
 */
export function iwaeNegLogLik(
  models: VaeModels,
  data: IwaeData,
  condition: (x: tf.Tensor2D, labels: tf.Tensor1D) => tf.Tensor2D | null,
  opts: IwaeOptions,
): IwaeEstimate {
  const { k } = opts;
  if (!Number.isInteger(k) || k < 1) throw new Error(`iwae: k must be a positive integer, got ${k}`);
  const n = data.count;
  if (n < 1 || data.images.length < n * PIXELS || data.labels.length < n)
    throw new Error("iwae: data shorter than count");
  const started = performance.now();
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const samplesPerChunk = Math.min(k, maxRows); // an image's k samples are split into chunks of at most this many
  const imagesPerBatch = Math.max(1, Math.floor(maxRows / samplesPerChunk));
  const latent = models.config.latentDim;
  const scale = data.images instanceof Uint8Array ? 1 / 255 : 1;
  const perImage = new Float64Array(n);
  const eps = new Float32Array(imagesPerBatch * samplesPerChunk * latent);

  for (let start = 0; start < n; start += imagesPerBatch) {
    const b = Math.min(imagesPerBatch, n - start);
    const x = tf.tidy(() =>
      tf.mul<tf.Tensor2D>(
        tf.tensor2d(Float32Array.from(data.images.subarray(start * PIXELS, (start + b) * PIXELS)), [b, PIXELS]),
        scale,
      ),
    );
    const labels = tf.tensor1d(Int32Array.from(data.labels.subarray(start, start + b)), "int32");
    const cond = condition(x, labels);
    const { mu, logvar } = encode(models, x, cond);
    const firstLayerCond = conditionShare(models, cond);
    // Running log-sum-exp per image, in float64.
    const best = new Float64Array(b).fill(-Infinity);
    const sum = new Float64Array(b);
    try {
      for (let done = 0, chunk = 0; done < k; done += samplesPerChunk, chunk++) {
        const kc = Math.min(samplesPerChunk, k - done);
        // Each image its own noise stream (image index, chunk): the same numbers whatever the batching.
        for (let i = 0; i < b; i++)
          gaussianFill(
            eps.subarray(i * kc * latent, (i + 1) * kc * latent),
            deriveSeed(opts.seed ?? 1, start + i, chunk),
          );
        const logW = logWeights(models, x, cond, mu, logvar, firstLayerCond, eps.subarray(0, b * kc * latent), kc);
        for (let i = 0; i < b; i++) {
          for (let j = 0; j < kc; j++) {
            const w = logW[i * kc + j]!;
            if (w > best[i]!) {
              sum[i] = sum[i]! * Math.exp(best[i]! - w) + 1;
              best[i] = w;
            } else sum[i]! += Math.exp(w - best[i]!);
          }
        }
      }
    } finally {
      tf.dispose([x, labels, mu, logvar, ...(cond ? [cond] : []), ...(firstLayerCond ? [firstLayerCond] : [])]);
    }
    for (let i = 0; i < b; i++) perImage[start + i] = -(best[i]! + Math.log(sum[i]!) - Math.log(k));
    opts.onProgress?.(start + b, n);
  }
  let mean = 0;
  for (const v of perImage) mean += v / n;
  let variance = 0;
  for (const v of perImage) variance += (v - mean) ** 2 / Math.max(1, n - 1);
  return {
    negLogLik: mean,
    stdErr: Math.sqrt(variance / n),
    perImage,
    k,
    n,
    seconds: (performance.now() - started) / 1000,
  };
}

/** cond · W_cond + bias of the decoder's first layer [b, units] (the condition's rows of its kernel), or just the bias. */
function conditionShare(m: VaeModels, cond: tf.Tensor2D | null): tf.Tensor2D | null {
  const first = denseWeights(m.decoder)[0]!;
  if (!cond) return null;
  return tf.tidy(() => {
    const kernel = first.kernel as tf.Tensor2D;
    const condRows = tf.slice(kernel, [m.config.latentDim, 0], [kernel.shape[0] - m.config.latentDim, kernel.shape[1]]);
    return tf.add<tf.Tensor2D>(tf.matMul(cond, condRows), first.bias);
  });
}

/**
 * log w = log p(x | z, c) + log p(z | c) − log q(z | x, c) for kc samples of each of the b images (image-major),
 * z = mu + exp(½ logvar) ⊙ eps. Returns b · kc values. Per-image quantities reach the samples by broadcasting in
 * [b, kc, ·] views, never by tf.tile (a slow kernel on wasm: it was 80 % of the estimate's time).
 */
function logWeights(
  m: VaeModels,
  x: tf.Tensor2D,
  cond: tf.Tensor2D | null,
  mu: tf.Tensor2D,
  logvar: tf.Tensor2D,
  firstLayerCond: tf.Tensor2D | null,
  epsFlat: Float32Array,
  kc: number,
): Float32Array {
  const b = x.shape[0];
  const L = m.config.latentDim;
  const perImage = (t: tf.Tensor2D): tf.Tensor3D => tf.reshape(t, [b, 1, t.shape[1]]);
  const logW = tf.tidy(() => {
    const eps = tf.tensor3d(epsFlat, [b, kc, L]);
    const z = tf.add<tf.Tensor3D>(perImage(mu), tf.mul(perImage(tf.exp(tf.mul(logvar, 0.5)) as tf.Tensor2D), eps));
    // log q = −½ Σ (ε² + logvar + log 2π): the logvar part is per image.
    const logQ = tf.mul(
      tf.add(tf.sum(tf.square(eps), 2), tf.reshape(tf.add(tf.sum(logvar, 1), L * LOG_2PI), [b, 1])),
      -0.5,
    );
    const logP = logPrior(m, z, cond);
    const zFlat = tf.reshape<tf.Rank.R2>(z, [b * kc, L]);
    const logPx = tf.reshape(bernoulliRowLogLik(decoderLogits(m, zFlat, firstLayerCond, kc), x, kc), [b, kc]);
    return tf.reshape(tf.sub(tf.add(logPx, logP), logQ), [b * kc]);
  });
  try {
    return logW.dataSync() as Float32Array;
  } finally {
    logW.dispose();
  }
}

/** log p(z | c) [b, kc] for z [b, kc, L]: N(0, I), or the label prior's moments of each image broadcast to its samples. */
function logPrior(m: VaeModels, z: tf.Tensor3D, cond: tf.Tensor2D | null): tf.Tensor2D {
  const [b, , L] = z.shape;
  if (!m.prior) return tf.mul<tf.Tensor2D>(tf.add(tf.sum(tf.square(z), 2), L * LOG_2PI), -0.5);
  if (!cond) throw new Error("iwae: a label prior needs the label condition");
  const { mean, logVar } = priorMoments(m.prior, cond);
  const quad = tf.mul(tf.square(tf.sub(z, tf.reshape(mean, [b, 1, L]))), tf.reshape(tf.exp(tf.neg(logVar)), [b, 1, L]));
  return tf.mul<tf.Tensor2D>(tf.add(tf.sum(quad, 2), tf.reshape(tf.add(tf.sum(logVar, 1), L * LOG_2PI), [b, 1])), -0.5);
}

/**
 * The decoder's logits (its sigmoid layer without the sigmoid) from z [b·kc, L], given the condition's share of the
 * first layer per image [b, units] (broadcast to the image's kc samples).
 */
function decoderLogits(m: VaeModels, z: tf.Tensor2D, firstLayerCond: tf.Tensor2D | null, kc: number): tf.Tensor2D {
  const layers = denseWeights(m.decoder);
  let h: tf.Tensor2D = z;
  layers.forEach((l, i) => {
    const kernel = l.kernel as tf.Tensor2D;
    const last = i === layers.length - 1;
    const activation = last ? "linear" : "relu";
    if (i === 0 && firstLayerCond) {
      const units = kernel.shape[1];
      const zRows = tf.slice(kernel, [0, 0], [m.config.latentDim, units]);
      const b = firstLayerCond.shape[0];
      const pre = tf.reshape(
        tf.add(tf.reshape(tf.matMul(h, zRows), [b, kc, units]), tf.reshape(firstLayerCond, [b, 1, units])),
        [b * kc, units],
      );
      h = (last ? pre : tf.relu(pre)) as tf.Tensor2D;
    } else {
      h = tf.fused.matMul({ a: h, b: kernel, bias: l.bias, activation }) as tf.Tensor2D;
    }
  });
  return h;
}
