import type { ComparisonRow } from "../../../../lib/contracts/comparison";

/** A valid comparison row (an unconditional vae-seed run evaluated at epoch 3) with `over` on top, for tests. */
export function comparisonRow(over: Partial<ComparisonRow> = {}): ComparisonRow {
  return {
    run: "r1",
    preset: "vae-seed",
    dataset: "mnist",
    condition: "none",
    prior: "standard",
    latentDim: 20,
    epoch: 3,
    testNegElbo: 104.25,
    testRecon: 80.125,
    testKl: 24.125,
    iwaeNegLogLik: 100.5,
    iwaeStdErr: 0.5,
    iwaeK: 100,
    iwaeN: 1000,
    labelAccuracy: null,
    judgeTestAccuracy: null,
    inpaintBce: null,
    inpaintSe: null,
    meanFillBce: null,
    meanFillSe: null,
    nearestNeighbourBce: null,
    nearestNeighbourSe: null,
    ...over,
  };
}
