import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  CheckpointMetaSchema,
  EpochMetricsSchema,
  ProgressSchema,
  SampleGridSchema,
  type EpochMetrics,
} from "../../../../lib/contracts/training";
import { disposeVae } from "../../../../lib/model/build";
import { resolveConfig } from "../../../../lib/model/config";
import { klWeightAt, train } from "../../../../server/training/trainer";
import { useWasm } from "../../lib/tfWasm";
import { data, recorder, small, testSet } from "./trainerFixtures";

before(useWasm);

test("vae-seed on 512 real MNIST images: loss falls over 3 epochs, hooks fire with valid payloads, no leak", async () => {
  const config = resolveConfig("vae-seed", { batchSize: 64, epochs: 3, trainSize: 512, testSize: 200 });
  const { hooks, rec } = recorder();
  const before = tf.memory().numTensors;
  const result = await train(config, data, hooks, { progressIntervalMs: 0 });
  assert.deepEqual([result.lastEpoch, result.stopped], [3, false]);

  assert.deepEqual(
    rec.epochs.map((e) => e.epoch),
    [1, 2, 3],
  );
  rec.epochs.forEach((e) => EpochMetricsSchema.parse(e));
  const [e1, , e3] = rec.epochs as [EpochMetrics, EpochMetrics, EpochMetrics];
  assert.ok(e3.testNegElbo < e1.testNegElbo - 10, `test -ELBO ${e1.testNegElbo} -> ${e3.testNegElbo}`);
  assert.ok(e3.trainLoss < e1.trainLoss, `train loss ${e1.trainLoss} -> ${e3.trainLoss}`);
  assert.ok(e1.testNegElbo < 543, "better than an untrained model (784·ln 2 ≈ 543)");
  assert.ok(Math.abs(e3.testNegElbo - e3.testRecon - e3.testKl) < 1e-3, "β = 1 on test");

  assert.equal(rec.progress.length, 3 * 8, "interval 0: every step reported");
  rec.progress.forEach((p) => ProgressSchema.parse(p));
  assert.deepEqual(
    rec.progress.slice(0, 9).map((p) => p.globalStep),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.equal(rec.progress.at(-1)?.etaSeconds, 0);

  assert.deepEqual(
    rec.samples.map((s) => s.epoch),
    [1, 2, 3],
  );
  const grids = rec.samples[0]!.grids;
  grids.forEach((g) => SampleGridSchema.parse(g));
  assert.deepEqual(
    grids.map((g) => `${g.kind} ${g.rows}x${g.cols}`),
    ["reconstruction 4x8", "prior 8x8"],
  );
  // Row 0 of the reconstruction grid is the first test image (a 7) byte for byte.
  assert.deepEqual(Array.from(grids[0]!.pixels.subarray(0, 784)), Array.from(testSet.images.subarray(0, 784)));

  assert.deepEqual(
    rec.checkpoints.map((c) => c.meta.epoch),
    [1, 2, 3],
  );
  const meta = CheckpointMetaSchema.parse(rec.checkpoints[2]!.meta);
  assert.equal(meta.metrics?.["testNegElbo"], e3.testNegElbo);
  assert.deepEqual([meta.float16, meta.condition.width, meta.latentDim], [false, 0, 20]);

  const perEpoch = rec.tensorsAtEpochEnd;
  assert.equal(perEpoch[0], perEpoch[2], `tensors per epoch end: ${perEpoch.join(", ")}`);
  disposeVae(result.models);
  assert.equal(tf.memory().numTensors, before, "everything but the returned models is released");
});

test("progress is throttled but the last step of each epoch is always reported", async () => {
  const { hooks, rec } = recorder();
  const result = await train(small("vae-pytorch", { epochs: 2, batchSize: 16 }), data, hooks, {
    progressIntervalMs: 60_000,
  });
  const steps = rec.progress.map((p) => `${p.epoch}:${p.step}`);
  assert.deepEqual(steps, ["1:1", "1:32", "2:32"]);
  disposeVae(result.models);
});

test('"stop" ends training after the current step without an epoch or checkpoint', async () => {
  let calls = 0;
  const { hooks, rec } = recorder(() => (++calls > 3 ? "stop" : "continue"));
  const result = await train(small("vae-seed", { epochs: 2 }), data, hooks, { progressIntervalMs: 0 });
  assert.deepEqual([result.lastEpoch, result.stopped], [0, true]);
  assert.equal(rec.progress.length, 3);
  assert.equal(rec.epochs.length + rec.checkpoints.length, 0);
  disposeVae(result.models);
});

test("a pending control() pauses training, and timers/messages get through while training runs", async () => {
  let stopRequested = false;
  const seen = { paused: false }; // set by the control hook during train()
  setTimeout(() => (stopRequested = true), 5); // like a "stop" message arriving at a worker
  let calls = 0;
  const { hooks, rec } = recorder(() => {
    calls++;
    if (calls === 2) {
      seen.paused = true;
      return new Promise((resolve) => setTimeout(() => resolve("continue"), 30));
    }
    return stopRequested ? "stop" : "continue";
  });
  const t0 = performance.now();
  const result = await train(small("vae-seed", { epochs: 50, batchSize: 8 }), data, hooks, { progressIntervalMs: 1 });
  assert.ok(seen.paused && performance.now() - t0 >= 30);
  assert.equal(result.stopped, true, "the timer's stop was seen before 50 epochs ended");
  assert.ok(rec.epochs.length < 50);
  disposeVae(result.models);
});

test("the same seed gives the same run; label and inpaint models produce their grids", async () => {
  const a = recorder();
  const b = recorder();
  const ra = await train(small("cvae-label"), data, a.hooks);
  const rb = await train(small("cvae-label"), data, b.hooks);
  assert.equal(a.rec.epochs[0]!.testNegElbo, b.rec.epochs[0]!.testNegElbo);
  assert.deepEqual(
    a.rec.samples[0]!.grids.map((g) => `${g.kind} ${g.rows}x${g.cols}`),
    ["reconstruction 4x8", "label-rows 10x10"],
  );
  assert.deepEqual(a.rec.samples[0]!.grids[1]!.rowLabels, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  [ra, rb].forEach((r) => disposeVae(r.models));

  const c = recorder();
  const rc = await train(small("cvae-inpaint"), data, c.hooks);
  const grids = c.rec.samples[0]!.grids;
  assert.deepEqual(
    grids.map((g) => `${g.kind} ${g.rows}x${g.cols}`),
    ["reconstruction 4x8", "inpaint-train 3x10", "inpaint-test 3x10"],
  );
  const test = grids[2]!;
  const tile = (r: number, col: number) => test.pixels.subarray((r * 10 + col) * 784, (r * 10 + col + 1) * 784);
  // Observed pixels are pasted back: filled == original outside the hole, flawed is 0 inside it.
  const outside = 3 * 28 + 3;
  const inside = 14 * 28 + 14;
  assert.equal(tile(1, 0)[outside], tile(2, 0)[outside]);
  assert.equal(tile(0, 0)[inside], 0);
  assert.deepEqual(Array.from(tile(2, 0)), Array.from(testSet.images.subarray(0, 784)));
  assert.equal(c.rec.checkpoints[0]!.meta.condition.width, 1568);
  disposeVae(rc.models);
});

test("train rejects inconsistent data and bad configs", async () => {
  await assert.rejects(
    train(small("vae-seed"), { ...data, trainImages: new Uint8Array(784) }, recorder().hooks),
    /trainImages shorter/,
  );
  await assert.rejects(train({ ...small("vae-seed"), batchSize: 0 }, data, recorder().hooks), /batchSize/);
});

test("KL warm-up ramps β linearly over klWarmupEpochs", () => {
  const c = resolveConfig("vae-seed", { beta: 2, klWarmupEpochs: 4 });
  assert.equal(klWeightAt(c, 0, 0), 0);
  assert.equal(klWeightAt(c, 1, 0.5), 0.75);
  assert.equal(klWeightAt(c, 4, 0), 2);
  assert.equal(klWeightAt(c, 9, 0.3), 2);
  assert.equal(klWeightAt({ ...c, klWarmupEpochs: 0 }, 0, 0), 2);
});

test("KL schedule from a start weight: cvae-label holds 3 for 6 epochs, then falls linearly to β = 1 by epoch 9", () => {
  const c = resolveConfig("cvae-label");
  assert.deepEqual([c.klStart, c.klHoldEpochs, c.klWarmupEpochs, c.beta], [3, 6, 9, 1]);
  assert.equal(klWeightAt(c, 0, 0), 3);
  assert.equal(klWeightAt(c, 5, 0.99), 3);
  assert.equal(klWeightAt(c, 7, 0.5), 2);
  assert.equal(klWeightAt(c, 9, 0), 1);
  assert.equal(klWeightAt(c, 9, 0.5), 1);
  // A hold longer than the schedule ends with it: no error to trip over when only the warm-up is shortened.
  assert.equal(klWeightAt({ ...c, klWarmupEpochs: 4 }, 3, 0.9), 3);
  assert.equal(klWeightAt({ ...c, klWarmupEpochs: 4 }, 4, 0), 1);
  assert.equal(klWeightAt({ ...c, klWarmupEpochs: 0 }, 0, 0), 1, "no schedule: β from the first step");
});

test("prior: the standard prior is exported as such; label-gaussian needs a label preset and is cvae-label's default", async () => {
  const std = recorder();
  disposeVae((await train(small("cvae-label", { prior: "standard" }), data, std.hooks)).models);
  assert.deepEqual(std.rec.checkpoints[0]!.meta.prior, { kind: "standard" });
  assert.throws(() => resolveConfig("vae-seed", { prior: "label-gaussian" }), /needs a label-conditioned preset/);
  assert.equal(resolveConfig("cvae-label").prior, "label-gaussian", "the preset's default");
  assert.equal(
    resolveConfig("cvae-label", { beta: 2 }).prior,
    "label-gaussian",
    "an override that leaves prior out keeps the preset's",
  );
  assert.equal(resolveConfig("cvae-inpaint").prior, "standard");
});

test("every epoch reports the latent scatter of the fixed test images: labels, finite points, latent itself at latent 2", async () => {
  const scatters: { epoch: number; points: Float32Array; labels: Uint8Array }[] = [];
  const { hooks, rec } = recorder();
  const result = await train(small("vae-seed", { epochs: 2, latentDim: 2 }), data, {
    ...hooks,
    onLatent: (s) => scatters.push(s),
  });
  assert.deepEqual(
    scatters.map((s) => s.epoch),
    [1, 2],
  );
  assert.equal(rec.samples.length, 2);
  const last = scatters[1]!;
  assert.deepEqual(
    [last.points.length, last.labels.length],
    [400, 200],
    "one point per test image (200 here; 2,000 at most)",
  );
  assert.deepEqual(Array.from(last.labels), Array.from(testSet.labels.subarray(0, 200)));
  assert.notEqual(scatters[0]!.points.buffer, last.points.buffer, "a fresh buffer every epoch (it is transferred)");
  // At latent 2 the points are the encoder means themselves.
  const mu = tf.tidy(() => {
    const x = tf.div(tf.tensor2d(testSet.images.subarray(0, 3 * 784), [3, 784], "float32"), 255);
    return (result.models.encoder.predict(x) as tf.Tensor2D).slice([0, 0], [3, 2]);
  });
  const values = Array.from(mu.dataSync());
  mu.dispose();
  values.forEach((v, i) => assert.ok(Math.abs(v - last.points[i]!) < 1e-4, `μ ${v} vs point ${last.points[i]}`));
  disposeVae(result.models);

  const pca: Float32Array[] = [];
  const r2 = await train(small("cvae-label", { epochs: 2 }), data, {
    ...recorder().hooks,
    onLatent: (s) => pca.push(s.points),
  });
  assert.ok(pca.every((p) => p.length === 400 && p.every(Number.isFinite)));
  disposeVae(r2.models);
});
