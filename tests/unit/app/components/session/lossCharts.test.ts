import { test } from "node:test";
import assert from "node:assert/strict";
import type { LiveRun } from "../../../../../app/client/sessionState";
import {
  createStepModelCache,
  epochChartModel,
  stepChartModel,
} from "../../../../../app/components/session/lossChartModels";
import { epochChartSummary, stepChartSummary } from "../../../../../app/components/session/lossChartSummaries";
import { resolveConfig, type PresetId } from "../../../../../lib/model/config";

function run(
  id: string,
  index: number,
  preset: PresetId,
  steps: [number, number][],
  epochs: [number, number][] = [],
): LiveRun {
  return {
    view: {
      id,
      index,
      preset,
      config: resolveConfig(preset),
      status: "training",
      createdAt: "2026-12-01T00:00:00.000Z",
    },
    steps: steps.map(([globalStep, loss]) => ({ globalStep, epoch: 1, loss, recon: loss - 10, kl: 10 })),
    epochs: epochs.map(([epoch, testNegElbo]) => ({
      epoch,
      trainLoss: testNegElbo,
      testNegElbo,
      testRecon: testNegElbo - 20,
      testKl: 20,
      seconds: 1,
      imgPerSec: 1,
    })),
    progress: null,
    checkpoints: [],
    gridEpochs: [],
    grids: {},
    latent: [],
    latentEpochs: [],
    evaluation: null,
  };
}

const vae = run(
  "a",
  0,
  "vae-seed",
  [
    [0, 200],
    [10, 100],
    [20, 0],
  ],
  [
    [1, 120],
    [2, 110],
  ],
);
const cvae = run(
  "b",
  1,
  "cvae-label",
  [
    [5, 300],
    [10, 250],
  ],
  [[1, 130]],
);

test("one run: the loss line alone without smoothing, raw under smoothed with it; labels without a model name", () => {
  const plain = stepChartModel([vae], { smoothing: 0, split: false, log: false });
  assert.deepEqual(
    plain.lines.map((l) => l.label),
    ["loss"],
  );
  assert.deepEqual(plain.data, [
    [0, 10, 20],
    [200, 100, 0],
  ]);
  const smooth = stepChartModel([vae], { smoothing: 0.5, split: false, log: false });
  assert.deepEqual(
    smooth.lines.map((l) => [l.label, l.faint ?? false]),
    [
      ["raw", true],
      ["loss", false],
    ],
  );
  const smoothed = smooth.data[2] as number[];
  assert.equal(smoothed[0], 200);
  assert.ok(smoothed[1]! > 100 && smoothed[1]! < 200, "the EMA lags the raw drop");
});

test("two runs share the axes: steps aligned, names in the labels, run colours, recon dashed and KL dotted when split", () => {
  const m = stepChartModel([vae, cvae], { smoothing: 0, split: true, log: false });
  assert.deepEqual(
    m.lines.map((l) => `${l.label}|${l.style ?? ""}|${l.runId}`),
    [
      "VAE (seed) loss||a",
      "VAE (seed) recon|dashed|a",
      "VAE (seed) KL|dotted|a",
      "CVAE on labels loss||b",
      "CVAE on labels recon|dashed|b",
      "CVAE on labels KL|dotted|b",
    ],
  );
  assert.notEqual(m.lines[0]!.color, m.lines[3]!.color);
  assert.deepEqual(m.data[0], [0, 5, 10, 20]);
  assert.deepEqual(m.data[1], [200, undefined, 100, 0]);
  assert.deepEqual(m.data[4], [undefined, 300, 250, undefined]);
});

test("on a log axis a loss of zero becomes a gap instead of a line to minus infinity", () => {
  const m = stepChartModel([vae], { smoothing: 0, split: false, log: true });
  assert.deepEqual(m.data[1], [200, 100, null]);
});

test("the epoch chart: −ELBO per epoch with markers, never smoothed; recon and KL when split", () => {
  const m = epochChartModel([vae, cvae], { split: false, log: false });
  assert.deepEqual(m.data, [
    [1, 2],
    [120, 110],
    [130, undefined],
  ]);
  assert.ok(m.lines.every((l) => l.markers));
  assert.equal(epochChartModel([vae], { split: true, log: false }).lines.length, 3);
});

test("summaries for screen readers name each run with its latest and best numbers, or say why there is nothing", () => {
  const steps = stepChartSummary([vae, cvae], "Waiting");
  assert.match(steps, /^VAE \(seed\): 3 points, steps 0 to 20; latest loss 0\.00 nats per image, lowest 0\.00\./);
  assert.match(steps, / CVAE on labels: 2 points, steps 5 to 10; latest loss 250\.0 nats per image, lowest 250\.0\./);
  assert.match(
    epochChartSummary([vae], "none"),
    /test −ELBO 110\.0 nats per image after epoch 2, best 110\.0 at epoch 2\. Every epoch's numbers are in the table "Per-epoch numbers"\./,
  );
  assert.equal(
    stepChartSummary([run("c", 0, "vae-seed", [])], "Waiting for the first points…"),
    "Waiting for the first points…",
  );
  assert.equal(
    epochChartSummary(
      [vae].map((r) => ({ ...r, epochs: [] })),
      "The first test −ELBO appears at the end of epoch 1",
    ),
    "The first test −ELBO appears at the end of epoch 1",
  );
});

test("with a cache, a live update (points appended, the older half thinned, settings changed) draws what a fresh build draws", () => {
  const settings = { smoothing: 0.6, split: true, log: false };
  const cache = createStepModelCache();
  const grown = (r: LiveRun, steps: LiveRun["steps"]): LiveRun => ({ ...r, steps });
  let a = vae;
  let b = cvae;
  const check = (s: typeof settings) => assert.deepEqual(stepChartModel([a, b], s, cache), stepChartModel([a, b], s));
  check(settings);
  const first = stepChartModel([a, b], settings, cache);
  a = grown(a, [...a.steps, { globalStep: 30, epoch: 1, loss: 50, recon: 40, kl: 10 }]);
  b = grown(b, [...b.steps, { globalStep: 15, epoch: 1, loss: 240, recon: 230, kl: 10 }]);
  check(settings);
  assert.equal(stepChartModel([a, b], settings, cache).lines, first.lines, "the same lines stay the same array");
  // The reducer thins the older half when the cap is hit: the run's lines are built again.
  a = grown(a, [a.steps[0]!, ...a.steps.slice(2)]);
  check(settings);
  check({ ...settings, log: true });
  check({ smoothing: 0, split: false, log: true });
  check({ smoothing: 0, split: false, log: true });
  b = grown(b, b.steps.slice(0, 1));
  check({ smoothing: 0.9, split: false, log: false });
});
