import * as tf from "@tensorflow/tfjs";
import { PIXELS } from "../../lib/model/config";
import { centredHoleMask } from "../../lib/data/masks";
import { buildCondition } from "../../lib/model/conditions";
import { decode } from "../../lib/model/vae";
import { samplePrior } from "../../lib/model/prior";
import { testNegElbo as loopNegElbo } from "../training/loop/evaluate";
import type { VaeModels } from "../../lib/model/build";
import type { TrainingData } from "../training/trainer";
import { classify } from "./judge";

export { inpaintingError, type InpaintingReport, type HoleError } from "./inpainting";

/**
 * Quality measures of a trained model (used by `npm run evaluate`).
 */

export interface NegElboReport {
  /** Test negative ELBO per image in nats (β = 1): recon + kl. For conditioned models, of p(x | condition). */
  negElbo: number;
  recon: number;
  kl: number;
  n: number;
}

/**
 * Test negative ELBO (one z sample per image, β = 1) over all `data.testCount` test images, computed exactly as
 * the trainer's epoch metric (same function). Inpainting models are conditioned on the centred 10x10 hole,
 * label models on the true label.
 */
export function testNegElbo(models: VaeModels, data: TrainingData, opts: { seed?: number } = {}): NegElboReport {
  const n = data.testCount;
  const x = tf.tidy(() =>
    tf.div<tf.Tensor2D>(tf.tensor2d(data.testImages.subarray(0, n * PIXELS), [n, PIXELS], "float32"), 255),
  );
  const labels = tf.tensor1d(data.testLabels.subarray(0, n), "int32");
  const hole = tf.tensor2d(centredHoleMask(10), [1, PIXELS]);
  try {
    return { ...loopNegElbo(models, x, labels, hole, opts.seed ?? 123), n };
  } finally {
    tf.dispose([x, labels, hole]);
  }
}

export interface LabelAccuracyReport {
  /** Fraction of generations the judge reads as the requested digit. */
  accuracy: number;
  /** Same, per requested digit 0..9. */
  perDigit: number[];
  perDigitSamples: number;
}

/**
 * For a label-conditioned model: `perDigit` samples of each digit from the model's prior (N(0, I), or its learned
 * p(z | digit)), decoder probabilities as the image, classified by the judge.
 */
export function labelAccuracy(
  models: VaeModels,
  judge: tf.LayersModel,
  perDigit = 100,
  seed = 2024,
): LabelAccuracyReport {
  if (models.config.condition !== "label")
    throw new Error(`labelAccuracy needs a label-conditioned model, got "${models.config.condition}"`);
  const n = perDigit * 10;
  const wanted = Int32Array.from({ length: n }, (_, i) => Math.floor(i / perDigit));
  const images = tf.tidy(() => {
    const eps = tf.randomNormal<tf.Rank.R2>([n, models.config.latentDim], 0, 1, "float32", seed);
    const dummy = tf.zeros<tf.Rank.R2>([n, PIXELS]); // buildCondition wants x only for its batch size
    const cond = buildCondition("label", dummy, tf.tensor1d(wanted, "int32"), null);
    return decode(models, samplePrior(models.prior, eps, cond), cond);
  });
  const predicted = classify(judge, images);
  images.dispose();
  const hits = new Array<number>(10).fill(0);
  predicted.forEach((p, i) => {
    if (p === wanted[i]) hits[wanted[i]]! += 1;
  });
  return {
    accuracy: hits.reduce((a, b) => a + b, 0) / n,
    perDigit: hits.map((h) => h / perDigit),
    perDigitSamples: perDigit,
  };
}
