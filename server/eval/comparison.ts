import type { ComparisonRow } from "../../lib/contracts/comparison";
import type { VaeModels } from "../../lib/model/build";
import type { TrainingData } from "../training/trainer";
import { evaluateRun, type EvaluateRunOptions, type RunEvaluation } from "./runEvaluation";

/**
 * The numbers of a session's comparison table for a finished run: its final models evaluated on the test split
 * (server/eval/runEvaluation.ts: test −ELBO with recon / KL, IWAE −log p(x), judge label accuracy of prior samples
 * for label runs, hole error against the two baselines for inpainting runs), flattened into a ComparisonRow
 * (lib/contracts/comparison.ts; CSV: lib/eval/comparisonCsv.ts). Who calls it at the end of a run, stores and streams
 * the row is the rooms' business; this only computes.
 */
export function compareRun(
  run: string,
  models: VaeModels,
  data: TrainingData,
  opts: EvaluateRunOptions,
): ComparisonRow {
  return toComparisonRow(run, evaluateRun(models, data, opts));
}

/** A RunEvaluation as one flat row (pure). */
export function toComparisonRow(run: string, e: RunEvaluation): ComparisonRow {
  const i = e.inpainting;
  return {
    run,
    preset: e.preset,
    dataset: e.dataset,
    condition: e.condition,
    prior: e.prior,
    latentDim: e.latentDim,
    epoch: e.epoch,
    testNegElbo: e.testNegElbo.negElbo,
    testRecon: e.testNegElbo.recon,
    testKl: e.testNegElbo.kl,
    iwaeNegLogLik: e.iwae?.negLogLik ?? null,
    iwaeStdErr: e.iwae?.stdErr ?? null,
    iwaeK: e.iwae?.k ?? null,
    iwaeN: e.iwae?.n ?? null,
    labelAccuracy: e.labelAccuracy?.accuracy ?? null,
    judgeTestAccuracy: e.labelAccuracy?.judgeTestAccuracy ?? null,
    inpaintBce: i?.modelZ0?.bce ?? null,
    inpaintSe: i?.modelZ0?.se ?? null,
    meanFillBce: i?.meanFill.bce ?? null,
    meanFillSe: i?.meanFill.se ?? null,
    nearestNeighbourBce: i?.nearestNeighbour.bce ?? null,
    nearestNeighbourSe: i?.nearestNeighbour.se ?? null,
  };
}
