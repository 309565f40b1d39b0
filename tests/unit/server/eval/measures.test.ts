import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { buildVae, disposeVae } from "../../../../lib/model/build";
import { resolveConfig } from "../../../../lib/model/config";
import { centredHoleMask } from "../../../../lib/data/masks";
import { loadMnist } from "../../../../server/data/mnist";
import {
  BCE_EPS,
  holeErrors,
  inpaintingError,
  meanImage,
  nearestVisibleNeighbours,
} from "../../../../server/eval/inpainting";
import { labelAccuracy, testNegElbo } from "../../../../server/eval/measures";
import { classify } from "../../../../server/eval/judge";
import type { TrainingData } from "../../../../server/training/trainer";

let data: TrainingData;

before(async () => {
  assert.equal(await tf.setBackend("wasm"), true);
  await tf.ready();
  data = loadMnist(300, 20, { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "vae-eval-")) });
});

const hole = centredHoleMask(10);
const holeIndices = [...hole.keys()].filter((p) => hole[p] === 0);

test("the centred hole has 100 pixels (rows and columns 10..19)", () => {
  assert.equal(holeIndices.length, 100);
  assert.deepEqual([holeIndices[0], holeIndices.at(-1)], [10 * 28 + 10, 19 * 28 + 19]);
});

test("mean-fill baseline equals a hand computation on three images", () => {
  const report = inpaintingError(null, { ...data, testCount: 3 }, 3);
  // By hand: mean of the 300 training images per pixel, then BCE and squared error over the hole of each test image.
  let bce = 0;
  let se = 0;
  for (let i = 0; i < 3; i++) {
    for (const p of holeIndices) {
      let sum = 0;
      for (let j = 0; j < 300; j++) sum += data.trainImages[j * 784 + p]!;
      const q = Math.min(1 - BCE_EPS, Math.max(BCE_EPS, sum / 300 / 255));
      const x = data.testImages[i * 784 + p]! / 255;
      bce += -(x * Math.log(q) + (1 - x) * Math.log(1 - q));
      se += (x - q) ** 2;
    }
  }
  assert.ok(Math.abs(report.meanFill.bce - bce / 3) < 1e-3, `${report.meanFill.bce} vs ${bce / 3}`);
  assert.ok(Math.abs(report.meanFill.se - se / 3) < 1e-4, `${report.meanFill.se} vs ${se / 3}`);
  assert.equal(report.n, 3);
  assert.equal(report.holePixels, 100);
  assert.equal(report.modelZ0, undefined, "no model row without an inpainting model");
});

test("holeErrors: a right fill costs only the ε clipping; pixels outside the hole are ignored", () => {
  const target = new Float32Array(784).fill(1);
  const fill = new Float32Array(784).fill(0);
  for (const p of holeIndices) fill[p] = 1; // right inside the hole, wrong everywhere else
  const e = holeErrors(target, fill, hole, 1);
  assert.ok(Math.abs(e.se - 100 * BCE_EPS ** 2) < 1e-9);
  assert.ok(Math.abs(e.bce - -100 * Math.log(1 - BCE_EPS)) < 1e-6);
});

test("meanImage averages bytes into probabilities", () => {
  const imgs = new Uint8Array(2 * 784);
  imgs[0] = 255;
  imgs[784] = 51;
  const m = meanImage(imgs, 2);
  assert.ok(Math.abs(m[0]! - 0.6) < 1e-6);
  assert.equal(m[1], 0);
});

test("nearest neighbour on visible pixels finds a training image given as the query (hole ignored)", () => {
  const queries = Float32Array.from(data.trainImages.subarray(0, 5 * 784), (b) => b / 255);
  // Scribble in the hole: it must not change the match.
  for (let i = 0; i < 5; i++) for (const p of holeIndices) queries[i * 784 + p] = 1 - queries[i * 784 + p]!;
  assert.deepEqual([...nearestVisibleNeighbours(queries, 5, data, hole, 2)], [0, 1, 2, 3, 4]);
});

test("inpainting model rows are reported for an inpaint model and are finite", () => {
  const m = buildVae(resolveConfig("cvae-inpaint", { encoderHidden: [16], decoderHidden: [16], latentDim: 2 }));
  const r = inpaintingError(m, data, 20);
  assert.ok(r.modelZ0 && r.modelSample);
  for (const e of [r.modelZ0, r.modelSample, r.meanFill, r.nearestNeighbour])
    assert.ok(Number.isFinite(e.bce) && e.bce > 0 && e.se > 0);
  // An untrained decoder outputs ~0.5 everywhere: BCE close to 100 * ln 2 minus a little.
  assert.ok(Math.abs(r.modelZ0.bce - 100 * Math.LN2) < 15, String(r.modelZ0.bce));
  disposeVae(m);
});

test("testNegElbo on an untrained VAE is about 784 ln 2 of reconstruction and small KL; no tensor leak", () => {
  const m = buildVae(resolveConfig("vae-seed", { encoderHidden: [16], decoderHidden: [16], latentDim: 2 }));
  const before = tf.memory().numTensors;
  const r = testNegElbo(m, data);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(r.n, 20);
  assert.ok(Math.abs(r.recon - 784 * Math.LN2) < 60, String(r.recon));
  assert.ok(r.kl >= 0 && r.kl < 20);
  assert.ok(Math.abs(r.negElbo - (r.recon + r.kl)) < 1e-3);
  disposeVae(m);
});

/** A "judge" that reads every image as `digit` (zero kernel, one-hot bias). */
function constantJudge(digit: number): tf.LayersModel {
  const judge = tf.sequential({
    layers: [tf.layers.dense({ units: 10, inputShape: [784], kernelInitializer: "zeros" })],
  });
  const bias = new Float32Array(10);
  bias[digit] = 5;
  judge.layers[0]!.setWeights([tf.zeros([784, 10]), tf.tensor1d(bias)]);
  return judge;
}

test("labelAccuracy counts how often the judge reads the requested digit", () => {
  const m = buildVae(resolveConfig("cvae-label", { encoderHidden: [16], decoderHidden: [16], latentDim: 2 }));
  const judge = constantJudge(3);
  const r = labelAccuracy(m, judge, 7);
  assert.equal(r.accuracy, 0.1);
  assert.deepEqual(r.perDigit, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.throws(
    () => labelAccuracy(buildVae(resolveConfig("vae-seed", { latentDim: 2 })), judge, 1),
    /label-conditioned/,
  );
  judge.dispose();
  disposeVae(m);
});

test("classify batches and returns one digit per image", () => {
  const judge = constantJudge(8);
  const x = tf.zeros<tf.Rank.R2>([7, 784]);
  assert.deepEqual([...classify(judge, x, 3)], [8, 8, 8, 8, 8, 8, 8]);
  x.dispose();
  judge.dispose();
});
