import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, test } from "node:test";
import { ComparisonRowSchema, RUN_END_EVALUATION } from "../../../../lib/contracts/comparison";
import { buildVae, disposeVae } from "../../../../lib/model/build";
import { resolveConfig } from "../../../../lib/model/config";
import { loadMnist } from "../../../../server/data/mnist";
import { evaluateFinishedRun, JUDGE_MISSING_NOTE } from "../../../../server/training/runEndEvaluation";
import type { TrainingData } from "../../../../server/training/trainer";
import "@tensorflow/tfjs-backend-wasm";

let data: TrainingData;
let dataDir: string;

before(async () => {
  assert.equal(await tf.setBackend("wasm"), true);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-run-end-"));
  data = loadMnist(300, 40, { dataDir });
});

const small = { encoderHidden: [16], decoderHidden: [16], latentDim: 3 };

test("a label run without a cached judge: the row has IWAE with the run-end k on the test images it has, no label accuracy, and a note saying how to get one", async () => {
  const models = buildVae(resolveConfig("cvae-label", small));
  const before = tf.memory().numTensors;
  try {
    // An empty data folder: no judge cached there, and none is trained.
    const e = await evaluateFinishedRun(models, data, { run: "run-1", epoch: 3, dataDir });
    ComparisonRowSchema.parse(e.row);
    assert.deepEqual([e.row.run, e.row.epoch, e.row.iwaeK, e.row.iwaeN], ["run-1", 3, RUN_END_EVALUATION.k, 40]);
    assert.equal(e.row.labelAccuracy, null);
    assert.deepEqual(e.notes, [JUDGE_MISSING_NOTE]);
    assert.ok(e.seconds > 0);
    assert.equal(fs.existsSync(path.join(dataDir, "judge")), false, "no judge was trained");
    assert.equal(tf.memory().numTensors, before, "no tensors leak");
  } finally {
    disposeVae(models);
  }
});

test("settings are honoured; an unconditional run has no notes and no label or hole columns", async () => {
  const models = buildVae(resolveConfig("vae-seed", small));
  try {
    const e = await evaluateFinishedRun(models, data, {
      run: "r",
      epoch: 1,
      judge: null,
      settings: { k: 4, iwaeImages: 10 },
    });
    assert.deepEqual([e.row.iwaeK, e.row.iwaeN, e.row.labelAccuracy, e.row.inpaintBce], [4, 10, null, null]);
    assert.deepEqual(e.notes, []);
  } finally {
    disposeVae(models);
  }
});
