import * as tf from "@tensorflow/tfjs";
import { centredHoleMask } from "../../lib/data/masks";
import type { VaeModels } from "../../lib/model/build";
import { buildCondition } from "../../lib/model/conditions";
import { PIXELS, type ConditionKind, type DatasetId, type PresetId, type PriorKind } from "../../lib/model/config";
import type { TrainingData } from "../training/trainer";
import { inpaintingError, type InpaintingReport } from "./inpainting";
import { iwaeNegLogLik } from "./iwae";
import type { Judge } from "./judge";
import { labelAccuracy, testNegElbo, type LabelAccuracyReport, type NegElboReport } from "./measures";

/**
 * Every quality measure that applies to a trained run, on its dataset's test split: what `npm run evaluate` prints
 * and what the comparison table of a session is made of (server/eval/comparison.ts). Plain data, no tensors.
 */

export interface IwaeReport {
  /** −log p(x) (−log p(x | condition) for conditional runs), nats per image, IWAE with k samples. */
  negLogLik: number;
  /** Standard error over the images (not the Monte Carlo spread: run other seeds for that). */
  stdErr: number;
  k: number;
  n: number;
  seed: number;
  seconds: number;
}

export interface RunEvaluation {
  preset: PresetId;
  condition: ConditionKind;
  dataset: DatasetId;
  epoch: number | null;
  latentDim: number;
  prior: PriorKind;
  testNegElbo: NegElboReport;
  iwae: IwaeReport | null;
  /** Label-conditioned runs, when a judge for the dataset is given. */
  labelAccuracy: (LabelAccuracyReport & { judgeTestAccuracy: number }) | null;
  /** Inpainting runs: the model's hole error against the two baselines. */
  inpainting: InpaintingReport | null;
  notes: string[];
}

export interface EvaluateRunOptions {
  /** Importance samples per image for −log p(x); 0 skips the IWAE estimate. */
  k: number;
  /** Test images for the IWAE estimate (default all). */
  iwaeImages?: number;
  seed?: number;
  /** Samples per digit for the label accuracy. */
  perDigit?: number;
  /** Test images for the inpainting error. */
  inpaintImages?: number;
  /** The dataset's judge (server/eval/judge.ts loadJudge); null skips the label accuracy with a note. */
  judge: Judge | null;
  epoch?: number;
  onIwaeProgress?: (done: number, total: number) => void;
}

/**
 * The condition a test image is scored under, as in the epoch's test ELBO: its true label, or the seed's centred
 * 10×10 hole. Returns the builder and a disposer for the hole tensor.
 */
export function testConditionBuilder(models: VaeModels): {
  build: (x: tf.Tensor2D, labels: tf.Tensor1D) => tf.Tensor2D | null;
  dispose: () => void;
} {
  const hole = tf.tensor2d(centredHoleMask(10), [1, PIXELS]);
  return {
    build: (x, labels) => buildCondition(models.config.condition, x, labels, hole),
    dispose: () => hole.dispose(),
  };
}

export function evaluateRun(models: VaeModels, data: TrainingData, opts: EvaluateRunOptions): RunEvaluation {
  const c = models.config;
  const seed = opts.seed ?? 1;
  const notes: string[] = [];
  const result: RunEvaluation = {
    preset: c.preset,
    condition: c.condition,
    dataset: c.dataset,
    epoch: opts.epoch ?? null,
    latentDim: c.latentDim,
    prior: c.prior,
    testNegElbo: testNegElbo(models, data, { seed }),
    iwae: null,
    labelAccuracy: null,
    inpainting: null,
    notes,
  };
  if (opts.k > 0) {
    const n = Math.min(opts.iwaeImages ?? data.testCount, data.testCount);
    const condition = testConditionBuilder(models);
    try {
      const est = iwaeNegLogLik(
        models,
        { images: data.testImages, labels: data.testLabels, count: n },
        condition.build,
        {
          k: opts.k,
          seed,
          ...(opts.onIwaeProgress ? { onProgress: opts.onIwaeProgress } : {}),
        },
      );
      result.iwae = { negLogLik: est.negLogLik, stdErr: est.stdErr, k: est.k, n: est.n, seed, seconds: est.seconds };
    } finally {
      condition.dispose();
    }
  }
  if (c.condition === "label") {
    if (opts.judge) {
      result.labelAccuracy = {
        ...labelAccuracy(models, opts.judge.model, opts.perDigit ?? 100, seed),
        judgeTestAccuracy: opts.judge.info.testAccuracy,
      };
    } else notes.push("label accuracy skipped: no judge classifier for this dataset");
  }
  if (c.condition === "inpaint")
    result.inpainting = inpaintingError(models, data, opts.inpaintImages ?? 1000, { seed });
  return result;
}
