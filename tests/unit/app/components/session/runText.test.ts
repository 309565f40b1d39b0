import { test } from "node:test";
import assert from "node:assert/strict";
import type { RunView } from "../../../../../lib/contracts/session";
import type { Progress } from "../../../../../lib/contracts/training";
import { resolveConfig } from "../../../../../lib/model/config";
import { configSummary, progressFraction, progressText } from "../../../../../app/components/session/runText";
import { statusText } from "../../../../../app/components/session/RunStatusBadge";
import { actionsFor } from "../../../../../app/components/session/runActions";

const view = (status: RunView["status"], extra: Partial<RunView> = {}): RunView => ({
  id: "r1",
  index: 0,
  preset: "vae-seed",
  config: resolveConfig("vae-seed", { epochs: 10 }),
  status,
  createdAt: "x",
  ...extra,
});
const progress: Progress = {
  epoch: 3,
  epochs: 10,
  step: 50,
  stepsPerEpoch: 100,
  globalStep: 250,
  loss: 120,
  recon: 100,
  kl: 20,
  klWeight: 1,
  imgPerSec: 2310.4,
  etaSeconds: 41,
};

test("progress reads 'epoch 3 / 10 · 41 s left' while training", () => {
  assert.equal(progressText(view("training"), progress, 2), "epoch 3 / 10 · 41 s left");
  assert.equal(progressText(view("training"), null, 0), "epoch 1 / 10 · starting…");
});

test("progress explains every other status", () => {
  assert.equal(
    progressText(view("queued", { queuePosition: 2 }), null, 0),
    "waiting for a free trainer (position 2 in the queue)",
  );
  assert.equal(progressText(view("paused"), progress, 2), "paused at epoch 3 / 10");
  assert.equal(progressText(view("done"), progress, 10), "finished 10 / 10 epochs");
  assert.match(progressText(view("interrupted"), null, 4), /after 4 \/ 10 epochs \(the server restarted\)/);
});

test("the bar fraction counts steps across epochs and is full when done", () => {
  assert.equal(progressFraction(view("training"), progress), 0.25);
  assert.equal(progressFraction(view("training"), null), 0);
  assert.equal(progressFraction(view("done"), null), 1);
});

test("queued badges say the queue position", () => {
  assert.equal(statusText({ status: "queued", queuePosition: 3 }), "queued, position 3");
  assert.equal(statusText({ status: "queued" }), "queued");
  assert.equal(statusText({ status: "paused" }), "paused");
});

test("owner actions follow the run status", () => {
  assert.deepEqual(actionsFor({ status: "training" }), ["pause", "stop"]);
  assert.deepEqual(actionsFor({ status: "paused" }), ["resume", "stop"]);
  assert.deepEqual(actionsFor({ status: "queued", queuePosition: 1 }), ["stop"]);
  assert.deepEqual(actionsFor({ status: "queued" }), ["start", "stop"]);
  assert.deepEqual(actionsFor({ status: "done" }), []);
});

test("config summary names the knobs with units", () => {
  assert.equal(configSummary(resolveConfig("vae-seed")), "latent 20 · β 1 · lr 0.001 · batch 128 · 60,000 images");
  assert.match(configSummary(resolveConfig("vae-seed", { klWarmupEpochs: 2 })), /KL warm-up 2 ep/);
});
