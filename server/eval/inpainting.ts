import * as tf from "@tensorflow/tfjs";
import { PIXELS } from "../../lib/model/config";
import { centredHoleMask } from "../../lib/data/masks";
import { buildCondition } from "../../lib/model/conditions";
import { decode } from "../../lib/model/vae";
import type { VaeModels } from "../../lib/model/build";
import type { TrainingData } from "../training/trainer";

/**
 * Inpainting error on the seed's centred 10x10 hole: for each test image, the 100 hidden pixels are predicted
 * and scored by BCE (nats) and squared error, each summed over the hole, then averaged over images.
 * Predictions come from the model (decoder at z = 0, and one prior sample) and from two baselines:
 * the mean training image, and the nearest training image measured on the visible pixels only.
 */

/** Predicted probabilities are clipped to [ε, 1 − ε] for BCE: a hard 0/1 guess (the nearest-neighbour baseline)
 * that is wrong costs at most −ln ε ≈ 6.9 nats per pixel instead of infinity. */
export const BCE_EPS = 1e-3;

export interface HoleError {
  /** Mean over images of the BCE summed over hole pixels (nats). */
  bce: number;
  /** Mean over images of the squared error summed over hole pixels. */
  se: number;
}

export interface InpaintingReport {
  n: number;
  holePixels: number;
  /** Decoder at z = 0 (the posterior-free "most likely" fill). Absent for models without the inpaint condition. */
  modelZ0?: HoleError;
  /** Decoder at one z ~ N(0, I) per image. */
  modelSample?: HoleError;
  meanFill: HoleError;
  nearestNeighbour: HoleError;
}

/**
 * Error of `fills` against `targets` on the pixels where mask == 0.
 * @param targets n*784 values in [0, 1]; @param fills n*784 probabilities; @param mask 784 (1 = observed)
 */
export function holeErrors(targets: Float32Array, fills: Float32Array, mask: Float32Array, n: number): HoleError {
  let bce = 0;
  let se = 0;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < PIXELS; p++) {
      if (mask[p] !== 0) continue;
      const x = targets[i * PIXELS + p]!;
      const q = Math.min(1 - BCE_EPS, Math.max(BCE_EPS, fills[i * PIXELS + p]!));
      bce -= x * Math.log(q) + (1 - x) * Math.log(1 - q);
      se += (x - q) ** 2;
    }
  }
  return { bce: bce / n, se: se / n };
}

/** Mean of the first `count` images (bytes 0..255) as probabilities [784]. */
export function meanImage(images: Uint8Array, count: number): Float32Array {
  const sum = new Float64Array(PIXELS);
  for (let i = 0; i < count; i++) for (let p = 0; p < PIXELS; p++) sum[p]! += images[i * PIXELS + p]!;
  return Float32Array.from(sum, (s) => s / count / 255);
}

function toFloat(bytes: Uint8Array): Float32Array {
  return Float32Array.from(bytes, (b) => b / 255);
}

/**
 * Index of the nearest training image for each query, by Euclidean distance on the visible pixels.
 * Brute force with one matMul per batch against the pre-transposed training matrix ([784, N]: on wasm an
 * untransposed matMul is much faster than matMul(..., transposeB)).
 */
export function nearestVisibleNeighbours(
  queries: Float32Array,
  n: number,
  data: TrainingData,
  mask: Float32Array,
  batch = 100,
): Int32Array {
  const out = new Int32Array(n);
  const maskT = tf.tensor2d(mask, [1, PIXELS]);
  const { trainT, trainSq } = tf.tidy(() => {
    const train = tf.mul(tf.div(tf.tensor2d(data.trainImages, [data.trainCount, PIXELS], "float32"), 255), maskT);
    return { trainT: tf.transpose(train), trainSq: tf.sum(tf.square(train), 1) };
  });
  try {
    for (let start = 0; start < n; start += batch) {
      const size = Math.min(batch, n - start);
      const idx = tf.tidy(() => {
        const q = tf.mul(tf.tensor2d(queries.subarray(start * PIXELS, (start + size) * PIXELS), [size, PIXELS]), maskT);
        // |q − t|² = |q|² − 2 q·t + |t|²; |q|² is constant per row, so it does not change the argmin.
        const d = tf.sub(trainSq, tf.mul(tf.matMul(q as tf.Tensor2D, trainT as tf.Tensor2D), 2));
        return tf.argMin(d, 1);
      });
      out.set(idx.dataSync(), start);
      idx.dispose();
    }
  } finally {
    maskT.dispose();
    trainT.dispose();
    trainSq.dispose();
  }
  return out;
}

/** Model fills at z = 0 and at one prior sample, for an inpaint-conditioned model. */
function modelFills(
  models: VaeModels,
  targets: Float32Array,
  n: number,
  mask: Float32Array,
  seed: number,
): { z0: Float32Array; sample: Float32Array } {
  const z0 = new Float32Array(n * PIXELS);
  const sample = new Float32Array(n * PIXELS);
  const latent = models.config.latentDim;
  const batch = 500;
  for (let start = 0; start < n; start += batch) {
    const size = Math.min(batch, n - start);
    const [a, b] = tf.tidy(() => {
      const x = tf.tensor2d(targets.subarray(start * PIXELS, (start + size) * PIXELS), [size, PIXELS]);
      const cond = buildCondition("inpaint", x, null, tf.tensor2d(mask, [1, PIXELS]));
      const zeros = tf.zeros<tf.Rank.R2>([size, latent]);
      const eps = tf.randomNormal<tf.Rank.R2>([size, latent], 0, 1, "float32", seed + start);
      return [decode(models, zeros, cond), decode(models, eps, cond)];
    });
    z0.set(a.dataSync(), start * PIXELS);
    sample.set(b.dataSync(), start * PIXELS);
    tf.dispose([a, b]);
  }
  return { z0, sample };
}

/** Inpainting errors on the first `n` test images (model rows only when `models` is inpaint-conditioned). */
export function inpaintingError(
  models: VaeModels | null,
  data: TrainingData,
  n = 1000,
  opts: { seed?: number } = {},
): InpaintingReport {
  const count = Math.min(n, data.testCount);
  const mask = centredHoleMask(10);
  const targets = toFloat(data.testImages.subarray(0, count * PIXELS));
  const mean = meanImage(data.trainImages, data.trainCount);
  const meanFills = new Float32Array(count * PIXELS);
  for (let i = 0; i < count; i++) meanFills.set(mean, i * PIXELS);
  const neighbours = nearestVisibleNeighbours(targets, count, data, mask);
  const nnFills = new Float32Array(count * PIXELS);
  neighbours.forEach((j, i) =>
    nnFills.set(toFloat(data.trainImages.subarray(j * PIXELS, (j + 1) * PIXELS)), i * PIXELS),
  );
  const report: InpaintingReport = {
    n: count,
    holePixels: mask.reduce((s, v) => s + (v === 0 ? 1 : 0), 0),
    meanFill: holeErrors(targets, meanFills, mask, count),
    nearestNeighbour: holeErrors(targets, nnFills, mask, count),
  };
  if (models && models.config.condition === "inpaint") {
    const fills = modelFills(models, targets, count, mask, opts.seed ?? 1);
    report.modelZ0 = holeErrors(targets, fills.z0, mask, count);
    report.modelSample = holeErrors(targets, fills.sample, mask, count);
  }
  return report;
}
