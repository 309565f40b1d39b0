import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, test } from "node:test";
import { ComparisonRowSchema } from "../../../../lib/contracts/comparison";
import { comparisonCsv } from "../../../../lib/eval/comparisonCsv";
import { buildVae, disposeVae } from "../../../../lib/model/build";
import { resolveConfig } from "../../../../lib/model/config";
import { loadMnist } from "../../../../server/data/mnist";
import { compareRun } from "../../../../server/eval/comparison";
import { trainJudge } from "../../../../server/eval/judge";
import type { TrainingData } from "../../../../server/training/trainer";
import "@tensorflow/tfjs-backend-wasm";

let data: TrainingData;

before(async () => {
  assert.equal(await tf.setBackend("wasm"), true);
  data = loadMnist(1000, 60, { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "vae-compare-")) });
});

const small = { encoderHidden: [16], decoderHidden: [16], latentDim: 3 };

test("one row per run with the measures that apply: IWAE for all, label accuracy for label runs, hole errors for inpainting", async () => {
  const judge = await trainJudge(data, { epochs: 1 });
  const runs = [
    { run: "vae", models: buildVae(resolveConfig("vae-seed", small)) },
    { run: "label", models: buildVae(resolveConfig("cvae-label", small)) },
    { run: "inpaint", models: buildVae(resolveConfig("cvae-inpaint", small)) },
  ];
  const rows = runs.map((r) =>
    compareRun(r.run, r.models, data, { k: 8, judge, perDigit: 3, inpaintImages: 20, epoch: 1 }),
  );
  rows.forEach((r) => ComparisonRowSchema.parse(r));
  const [vae, label, inpaint] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  assert.deepEqual(
    rows.map((r) => [r.run, r.condition, r.prior, r.iwaeK]),
    [
      ["vae", "none", "standard", 8],
      ["label", "label", "label-gaussian", 8],
      ["inpaint", "inpaint", "standard", 8],
    ],
  );
  for (const r of rows) {
    assert.ok(Math.abs(r.testNegElbo - r.testRecon - r.testKl) < 1e-3, "−ELBO = recon + KL");
    // An untrained model: −log p(x) below the one-sample bound, both near 784·ln 2 ≈ 543.
    assert.ok(
      r.iwaeNegLogLik! < r.testNegElbo + 3 * r.iwaeStdErr! + 1 && r.iwaeNegLogLik! > 400,
      `${r.run}: IWAE ${r.iwaeNegLogLik} vs −ELBO ${r.testNegElbo}`,
    );
  }
  assert.equal(vae.labelAccuracy, null);
  assert.ok(label.labelAccuracy !== null && label.judgeTestAccuracy === judge.info.testAccuracy);
  assert.equal(label.inpaintBce, null);
  assert.ok(inpaint.inpaintBce !== null && inpaint.meanFillBce !== null && inpaint.nearestNeighbourSe !== null);
  assert.equal(inpaint.labelAccuracy, null);
  assert.equal(comparisonCsv(rows).split("\r\n").length, 5);

  const noJudge = compareRun("label", runs[1]!.models, data, { k: 0, judge: null });
  assert.deepEqual(
    [noJudge.labelAccuracy, noJudge.iwaeNegLogLik],
    [null, null],
    "k 0 and no judge skip those measures",
  );
  runs.forEach((r) => disposeVae(r.models));
  judge.model.dispose();
});
