import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { disposeVae, type VaeModels } from "../../../../lib/model/build";
import { buildCondition } from "../../../../lib/model/conditions";
import { resolveConfig } from "../../../../lib/model/config";
import { iwaeNegLogLik } from "../../../../server/eval/iwae";
import { testNegElbo } from "../../../../server/training/loop/evaluate";
import { train } from "../../../../server/training/trainer";
import { mnistSubset, useWasm } from "../../lib/tfWasm";
import { quietHooks } from "../../../support/trainHooks";

before(useWasm);

const trainSet = mnistSubset("train", 512);
const testSet = mnistSubset("t10k", 40);

/** A small latent-2 VAE trained for a few epochs on 512 digits: q is a fair proposal, the likelihood is computable. */
async function tinyModel(prior: "standard" | "label-gaussian" = "standard"): Promise<VaeModels> {
  const preset = prior === "standard" ? "vae-pytorch" : "cvae-label";
  const config = resolveConfig(preset, {
    latentDim: 2,
    encoderHidden: [32],
    decoderHidden: [32],
    batchSize: 32,
    trainSize: 512,
    testSize: 40,
    epochs: 5,
    learningRate: 4e-3,
    seed: 3,
    prior,
  });
  const hooks = quietHooks();
  const data = {
    trainImages: trainSet.images,
    trainLabels: trainSet.labels,
    trainCount: 512,
    testImages: testSet.images,
    testLabels: testSet.labels,
    testCount: 40,
  };
  return (await train(config, data, hooks)).models;
}

/**
 * −log p(x | y) by numeric integration of p(x | z, y) p(z | y) over a G × G grid (the midpoint rule; the integrand is
 * smooth, so it converges fast), with the stock Layers decoder's probabilities in float64. The grid is centred on the
 * encoder's mean with a half-width of `spread` of its standard deviations (at least 2): where the integrand lives
 * for a trained model (a wider, finer grid checks that below).
 */
function exactNegLogLik(m: VaeModels, image: Uint8Array, label: number, grid: number, spread: number): number {
  const x = Float64Array.from(image, (v) => v / 255);
  const onehot = (rows: number): tf.Tensor2D =>
    tf.oneHot(tf.fill<tf.Rank.R1>([rows], label, "int32"), 10).toFloat() as tf.Tensor2D;
  const withCond = (t: tf.Tensor2D): tf.Tensor2D =>
    m.config.condition === "label" ? tf.concat([t, onehot(t.shape[0])], 1) : t;
  // Values are read outside tf.tidy: tidy walks a returned typed array element by element (seconds for a grid).
  const read = (make: () => tf.Tensor): Float32Array => {
    const t = tf.tidy(make);
    const values = t.dataSync() as Float32Array;
    t.dispose();
    return values;
  };
  const enc = read(() => m.encoder.apply(withCond(tf.tensor2d(Float32Array.from(x), [1, 784]))) as tf.Tensor2D);
  const centre = [enc[0]!, enc[1]!];
  const half = [0, 1].map((d) => Math.max(2, spread * Math.exp(0.5 * enc[2 + d]!)));
  const step = half.map((h) => (2 * h) / grid);
  const zs = new Float32Array(grid * grid * 2);
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++)
      zs.set(
        [centre[0]! - half[0]! + (i + 0.5) * step[0]!, centre[1]! - half[1]! + (j + 0.5) * step[1]!],
        (i * grid + j) * 2,
      );
  }
  const [mean, logVar] = m.prior
    ? [0, 1].map((h) => Array.from(m.prior!.params.dataSync().subarray(label * 4 + 2 * h, label * 4 + 2 * h + 2)))
    : [
        [0, 0],
        [0, 0],
      ];
  const logTerms = new Float64Array(grid * grid);
  const chunk = 8192;
  for (let start = 0; start < grid * grid; start += chunk) {
    const rows = Math.min(chunk, grid * grid - start);
    const probs = read(
      () =>
        m.decoder.apply(withCond(tf.tensor2d(zs.subarray(start * 2, (start + rows) * 2), [rows, 2]))) as tf.Tensor2D,
    );
    for (let r = 0; r < rows; r++) {
      let ll = 0;
      for (let p = 0; p < 784; p++) {
        const q = Math.min(1 - 1e-7, Math.max(1e-7, probs[r * 784 + p]!));
        ll += x[p]! * Math.log(q) + (1 - x[p]!) * Math.log(1 - q);
      }
      let lp = 0;
      for (let d = 0; d < 2; d++) {
        const z = zs[(start + r) * 2 + d]!;
        lp += -0.5 * ((z - mean![d]!) ** 2 * Math.exp(-logVar![d]!) + logVar![d]! + Math.log(2 * Math.PI));
      }
      logTerms[start + r] = ll + lp;
    }
  }
  let top = -Infinity;
  for (const t of logTerms) top = Math.max(top, t);
  let sum = 0;
  for (const t of logTerms) sum += Math.exp(t - top);
  return -(top + Math.log(sum) + Math.log(step[0]! * step[1]!));
}

const noCondition = (): null => null;
const labelCondition = (x: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor2D | null =>
  buildCondition("label", x, labels, null);

test("IWAE converges to the exact −log p(x) of a latent-2 VAE (numeric integration) as k grows", async () => {
  const m = await tinyModel();
  const images = 3;
  const exact = Array.from({ length: images }, (_, i) =>
    exactNegLogLik(m, testSet.images.subarray(i * 784, (i + 1) * 784), 0, 200, 8),
  );
  // The reference itself: a wider and finer grid agrees to well under the tolerance used below.
  const finer = exactNegLogLik(m, testSet.images.subarray(0, 784), 0, 400, 14);
  assert.ok(Math.abs(finer - exact[0]!) < 2e-3, `grid reference stable: ${exact[0]} vs ${finer}`);

  const data = { images: testSet.images, labels: testSet.labels, count: images };
  const gap = (k: number): number => {
    const est = iwaeNegLogLik(m, data, noCondition, { k, seed: 5 });
    return est.perImage.reduce((s, v, i) => s + (v - exact[i]!), 0) / images; // ≥ 0 in expectation: a lower bound on log p
  };
  const gaps = [1, 10, 100, 1000, 20000].map((k) => ({ k, gap: gap(k) }));
  const text = gaps.map((g) => `k ${g.k}: ${g.gap.toFixed(4)}`).join(", ");
  assert.ok(gaps[0]!.gap > 0.3, `k = 1 is the ELBO, clearly above −log p(x): ${text}`);
  for (let i = 1; i < gaps.length; i++)
    assert.ok(gaps[i]!.gap < gaps[i - 1]!.gap + 0.02, `the gap shrinks with k: ${text}`);
  assert.ok(Math.abs(gaps.at(-1)!.gap) < 0.02, `k = 20000 within 0.02 nats of the exact value: ${text}`);
  disposeVae(m);
});

test("with a learned label prior: IWAE of −log p(x | y) converges to the integral against p(z | y)", async () => {
  const m = await tinyModel("label-gaussian");
  assert.ok(m.prior);
  const p = m.prior.params.dataSync();
  assert.ok(
    p.some((v) => Math.abs(v) > 0.05),
    "the prior moved away from N(0, I) in training",
  );
  const exact = exactNegLogLik(m, testSet.images.subarray(0, 784), testSet.labels[0]!, 200, 8);
  const est = iwaeNegLogLik(m, { images: testSet.images, labels: testSet.labels, count: 1 }, labelCondition, {
    k: 20000,
    seed: 2,
  });
  assert.ok(Math.abs(est.negLogLik - exact) < 0.03, `IWAE ${est.negLogLik} vs exact ${exact}`);
  disposeVae(m);
});

test("k = 1 is an unbiased single-sample estimate of the negative ELBO; chunking and batching do not change the estimate", async () => {
  const m = await tinyModel();
  const data = { images: testSet.images, labels: testSet.labels, count: 40 };
  const elbo = tf.tidy(() => {
    const x = tf.div<tf.Tensor2D>(tf.tensor2d(testSet.images, [40, 784], "float32"), 255);
    return testNegElbo(m, x, tf.tensor1d(testSet.labels, "int32"), tf.ones<tf.Rank.R2>([1, 784]), 9);
  });
  const k1 = iwaeNegLogLik(m, data, noCondition, { k: 1, seed: 4 });
  // Both are one-sample estimates of the same mean: they agree within a few standard errors.
  assert.ok(
    Math.abs(k1.negLogLik - elbo.negElbo) < 4 * k1.stdErr + 1,
    `k = 1: ${k1.negLogLik} vs −ELBO ${elbo.negElbo} (se ${k1.stdErr})`,
  );
  const before = tf.memory().numTensors;
  const a = iwaeNegLogLik(m, data, noCondition, { k: 50, seed: 8 });
  const b = iwaeNegLogLik(m, data, noCondition, { k: 50, seed: 8, maxRows: 120 });
  const c = iwaeNegLogLik(m, data, noCondition, { k: 50, seed: 8, maxRows: 30 }); // one image's samples over two chunks
  assert.equal(tf.memory().numTensors, before, "no tensor leak");
  assert.ok(
    Math.abs(a.negLogLik - b.negLogLik) < 1e-9,
    "batching several images together does not change the noise or the result",
  );
  assert.ok(
    Math.abs(a.negLogLik - c.negLogLik) > 1e-6 && Math.abs(a.negLogLik - c.negLogLik) < 1,
    "a different chunking draws other noise, same estimate within noise",
  );
  assert.ok(a.negLogLik <= k1.negLogLik + 0.5, `k = 50 (${a.negLogLik}) is tighter than k = 1 (${k1.negLogLik})`);
  assert.throws(() => iwaeNegLogLik(m, data, noCondition, { k: 0 }), /k must be a positive integer/);
  disposeVae(m);
});
