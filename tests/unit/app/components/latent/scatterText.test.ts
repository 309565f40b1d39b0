import assert from "node:assert/strict";
import { test } from "node:test";
import {
  comparisonGroups,
  holeText,
  iwaeSettingsText,
  iwaeText,
  labelAccuracyText,
} from "../../../../../app/components/session/comparisonText";
import { projectionWords, summaryWords } from "../../../../../app/components/latent/scatterText";
import { comparisonRow } from "../../../lib/contracts/comparisonRow";

test("scatter words: what the axes are and how separated the labels are", () => {
  assert.equal(
    projectionWords({ method: "identity", mean: null, axes: null, explained: null }, 2),
    "the 2-D latent itself (x = z0, y = z1)",
  );
  assert.equal(
    projectionWords(
      {
        method: "pca",
        mean: [0, 0, 0],
        axes: [
          [1, 0, 0],
          [0, 1, 0],
        ],
        explained: [0.314, 0.12],
      },
      3,
    ),
    "PCA of the 3-D latent (the plane shows 31 % + 12 % of its variance)",
  );
  assert.equal(
    summaryWords({ count: 2000, labels: [], separation: 2.44 }),
    "2,000 test images, labels separated: centres 2.4× their spread apart",
  );
});

const row = comparisonRow({
  run: "r",
  preset: "cvae-label",
  condition: "label",
  prior: "label-gaussian",
  epoch: 10,
  testNegElbo: 100.61,
  iwaeNegLogLik: 95.834,
  iwaeStdErr: 1.23,
  labelAccuracy: 0.9612,
  judgeTestAccuracy: 0.98,
});

test("comparison cells: IWAE with its error, settings, label accuracy or why it is missing, hole error with baselines", () => {
  assert.equal(iwaeText(row), "95.8 ± 1.2");
  assert.equal(iwaeText({ ...row, iwaeNegLogLik: null }), "–");
  assert.equal(iwaeSettingsText(row), "k = 100 on 1,000 test images");
  assert.equal(iwaeSettingsText({ iwaeK: null, iwaeN: null }), "not measured");
  assert.equal(labelAccuracyText(row), "96.1 %");
  assert.equal(labelAccuracyText({ ...row, labelAccuracy: null }), "judge not available");
  assert.equal(labelAccuracyText({ ...row, condition: "none" }), "–");
  const inpaint = {
    ...row,
    condition: "inpaint" as const,
    inpaintBce: 31.24,
    meanFillBce: 45,
    nearestNeighbourBce: 38.06,
  };
  assert.equal(holeText(inpaint), "31.2 (mean fill 45.0, nearest image 38.1)");
  assert.equal(holeText(row), "–");
  assert.deepEqual(comparisonGroups([row, { ...row, condition: "none" }]), { label: true, inpaint: false });
  assert.deepEqual(comparisonGroups([inpaint]), { label: false, inpaint: true });
});
