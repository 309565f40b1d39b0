import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { loadMnist } from "../../../../server/data/mnist";
import { classify, judgeAccuracy, trainJudge } from "../../../../server/eval/judge";
import { judgeDir, loadJudge, saveJudge } from "../../../../server/eval/judgeFiles";

before(async () => {
  assert.equal(await tf.setBackend("wasm"), true);
});

test("the judge learns digits from 2,000 images, and loadJudge reads back the cached copy unchanged", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-judge-"));
  const data = loadMnist(2000, 500, { dataDir });
  const judge = await trainJudge(data, { epochs: 2 });
  assert.ok(judge.info.testAccuracy > 0.8, `accuracy ${judge.info.testAccuracy}`);
  assert.equal(judge.info.testAccuracy, judgeAccuracy(judge.model, data.testImages, data.testLabels, data.testCount));
  await saveJudge(judge, judgeDir(dataDir));
  const logs: string[] = [];
  const cached = await loadJudge({ dataDir, log: (m) => logs.push(m) });
  assert.deepEqual(logs, [], "a cached judge is not retrained");
  assert.deepEqual(cached.info, judge.info);
  const x = tf.tidy(() =>
    tf.div<tf.Tensor2D>(tf.tensor2d(data.testImages.subarray(0, 100 * 784), [100, 784], "float32"), 255),
  );
  assert.deepEqual(classify(cached.model, x), classify(judge.model, x));
  x.dispose();
});
