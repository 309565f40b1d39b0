import assert from "node:assert/strict";
import { test } from "node:test";
import { denseMacsPerImage } from "../../../../lib/estimate/trainingTime";
import { resolveConfig } from "../../../../lib/model/config";
import { createMemoryRepositories } from "../../../../server/repositories/memory";
import {
  measureThroughput,
  MIN_TRAIN_SIZE,
  summariseRuns,
  type FinishedRun,
} from "../../../../server/sessions/throughput";

const epoch = (e: number, imgPerSec: number, seconds: number) => ({
  epoch: e,
  trainLoss: 1,
  testNegElbo: 1,
  testRecon: 1,
  testKl: 0,
  seconds,
  imgPerSec,
});

function run(imgPerSecs: number[], overrides = {}, wallExtraSeconds = 4): FinishedRun {
  const config = resolveConfig("vae-seed", { trainSize: 60000, ...overrides });
  const epochs = imgPerSecs.map((s, i) => epoch(i + 1, s, config.trainSize / s + 0.5));
  const total = epochs.reduce((t, e) => t + e.seconds, 0) + wallExtraSeconds;
  const startedAt = new Date(1_000_000);
  return { config, epochs, startedAt, finishedAt: new Date(startedAt.getTime() + total * 1000) };
}

test("summariseRuns: medians of each run's median speed, per-epoch overhead and start-up", () => {
  const s = summariseRuns([run([30000, 29000, 31000]), run([20000, 20000, 100]), run([25000, 25000])])!;
  const macs = denseMacsPerImage(resolveConfig("vae-seed"));
  assert.equal(s.source, "measured");
  assert.equal(s.runs, 3);
  assert.ok(Math.abs(s.imgPerSecAtDefaults - 25000) < 1e-6, "the disturbed epoch (100 img/s) does not move the median");
  assert.ok(Math.abs(s.macsPerSecond - 25000 * macs) < 1e-3);
  assert.ok(Math.abs(s.epochOverheadSeconds - 0.5) < 1e-9);
  assert.ok(Math.abs(s.startupSeconds - 4) < 1e-6);
});

test("summariseRuns ignores tiny runs and normalises other layer sizes by their cost", () => {
  assert.equal(summariseRuns([run([500], { trainSize: MIN_TRAIN_SIZE - 1 })]), null);
  const big = run([10000], { encoderHidden: [512, 512], decoderHidden: [512, 512] });
  const s = summariseRuns([big])!;
  assert.ok(Math.abs(s.macsPerSecond - 10000 * denseMacsPerImage(big.config)) < 1e-3);
  assert.ok(s.imgPerSecAtDefaults > 10000, "the default layers are cheaper than 512-512, so faster");
});

test("summariseRuns: a start-up that includes a pause (> 2 min) is not taken as start-up", () => {
  const s = summariseRuns([run([30000], {}, 600)])!;
  assert.equal(s.startupSeconds, 3, "the fallback start-up");
});

test("measureThroughput reads finished runs from the repositories; presets without one get the fallback", async () => {
  const repos = createMemoryRepositories();
  const session = await repos.sessions.create({ title: "t", dataset: "mnist", ownerTokenHash: "x" });
  const config = resolveConfig("cvae-label", { trainSize: 20000 });
  const r = await repos.runs.create({
    sessionId: session.id,
    index: 0,
    preset: "cvae-label",
    config,
    status: "training",
  });
  await repos.metrics.addEpoch(r.id, epoch(1, 12000, 20000 / 12000 + 1));
  await repos.runs.update(r.id, { status: "done", startedAt: new Date(0), finishedAt: new Date(10_000) });
  const stillTraining = await repos.runs.create({
    sessionId: session.id,
    index: 1,
    preset: "vae-seed",
    config: resolveConfig("vae-seed"),
    status: "training",
  });
  await repos.metrics.addEpoch(stillTraining.id, epoch(1, 99999, 1));

  const t = await measureThroughput(repos);
  assert.equal(t.presets["cvae-label"].source, "measured");
  assert.ok(Math.abs(t.presets["cvae-label"].imgPerSecAtDefaults - 12000) < 1e-6);
  assert.ok(Math.abs(t.presets["cvae-label"].epochOverheadSeconds - 1) < 1e-9);
  assert.equal(t.presets["vae-seed"].source, "fallback", "runs still training do not count");
});
