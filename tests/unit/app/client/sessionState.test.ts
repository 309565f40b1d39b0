import { test } from "node:test";
import assert from "node:assert/strict";
import type { RunView } from "../../../../lib/contracts/session";
import type { Progress } from "../../../../lib/contracts/training";
import { resolveConfig } from "../../../../lib/model/config";
import {
  capSteps,
  initialSessionState,
  sessionReducer,
  sessionStatus,
  type NormalisedSnapshot,
  type SessionAction,
  type SessionState,
} from "../../../../app/client/sessionState";
import { oneRunSnapshot } from "./snapshotFixture";

const run = (id: string, status: RunView["status"] = "training", index = 0): RunView => ({
  id,
  index,
  preset: "vae-seed",
  config: resolveConfig("vae-seed", { epochs: 3 }),
  status,
  createdAt: "2026-11-26T17:00:00.000Z",
});

const progress = (globalStep: number, loss = 200): Progress => ({
  epoch: 1,
  epochs: 3,
  step: globalStep,
  stepsPerEpoch: 10,
  globalStep,
  loss,
  recon: loss - 10,
  kl: 10,
  klWeight: 1,
  imgPerSec: 1000,
  etaSeconds: 30,
});

const snapshot = (seq: number, overrides: Partial<NormalisedSnapshot> = {}): NormalisedSnapshot =>
  oneRunSnapshot(seq, {
    session: { id: "s1", title: "t", dataset: "mnist", createdAt: "2026-11-26T17:00:00.000Z", runs: [run("r1")] },
    runs: {
      r1: {
        epochs: [],
        steps: [{ globalStep: 1, epoch: 1, loss: 300, recon: 290, kl: 10 }],
        progress: null,
        checkpoints: [],
        evaluation: null,
      },
    },
    ...overrides,
  });

const reduce = (actions: SessionAction[], from: SessionState = initialSessionState) =>
  actions.reduce(sessionReducer, from);
const progressDelta = (seq: number, globalStep: number): SessionAction => ({
  type: "delta",
  delta: { type: "progress", seq, runId: "r1", progress: progress(globalStep) },
});

test("a snapshot makes the session live with its runs, history and presence", () => {
  const s = reduce([
    { type: "join-started" },
    { type: "snapshot", snapshot: snapshot(5, { viewers: 3, isOwner: true }) },
  ]);
  assert.equal(s.connection, "live");
  assert.equal(s.seq, 5);
  assert.equal(s.viewers, 3);
  assert.equal(s.isOwner, true);
  assert.deepEqual(s.runOrder, ["r1"]);
  assert.equal(s.runs.r1?.steps.length, 1);
});

test("deltas with seq at or below the last applied seq are dropped as duplicates", () => {
  const live = reduce([{ type: "join-started" }, { type: "snapshot", snapshot: snapshot(5) }]);
  const s = reduce([progressDelta(5, 2), progressDelta(6, 3), progressDelta(6, 4), progressDelta(4, 5)], live);
  assert.equal(s.seq, 6);
  assert.deepEqual(
    s.runs.r1?.steps.map((p) => p.globalStep),
    [1, 3],
  );
  assert.equal(s.runs.r1.progress?.globalStep, 3);
});

test("deltas that arrive during a join are replayed after the snapshot, minus those it already has", () => {
  const s = reduce([
    { type: "join-started" },
    progressDelta(4, 2), // already inside the snapshot (seq 5)
    progressDelta(6, 7), // newer: must survive
    { type: "snapshot", snapshot: snapshot(5) },
  ]);
  assert.equal(s.seq, 6);
  assert.deepEqual(
    s.runs.r1?.steps.map((p) => p.globalStep),
    [1, 7],
  );
  assert.deepEqual(s.pending, []);
});

test("a reconnect keeps the old data visible, then the new snapshot replaces it (seq may restart lower)", () => {
  const live = reduce([{ type: "join-started" }, { type: "snapshot", snapshot: snapshot(50) }, progressDelta(51, 9)]);
  const down = sessionReducer(live, { type: "disconnected" });
  assert.equal(down.connection, "reconnecting");
  assert.equal(down.runs.r1?.steps.length, 2);
  // Server restarted: seq counter began again; the snapshot is authoritative.
  const back = reduce(
    [{ type: "join-started" }, { type: "snapshot", snapshot: snapshot(3, { viewers: 2 }) }, progressDelta(4, 20)],
    down,
  );
  assert.equal(back.connection, "live");
  assert.equal(back.seq, 4);
  assert.deepEqual(
    back.runs.r1?.steps.map((p) => p.globalStep),
    [1, 20],
  );
  assert.equal(back.viewers, 2);
});

test("deltas while disconnected are ignored (the next snapshot covers them)", () => {
  const live = reduce([
    { type: "join-started" },
    { type: "snapshot", snapshot: snapshot(1) },
    { type: "disconnected" },
  ]);
  assert.equal(reduce([progressDelta(2, 5)], live).runs.r1?.steps.length, 1);
});

test("status deltas update a run and add runs the page did not know", () => {
  const live = reduce([{ type: "join-started" }, { type: "snapshot", snapshot: snapshot(1) }]);
  const s = reduce(
    [
      { type: "delta", delta: { type: "status", seq: 2, run: run("r1", "paused") } },
      { type: "delta", delta: { type: "status", seq: 3, run: { ...run("r2", "queued", 1), queuePosition: 2 } } },
    ],
    live,
  );
  assert.equal(s.runs.r1?.view.status, "paused");
  assert.deepEqual(s.runOrder, ["r1", "r2"]);
  assert.equal(s.session?.runs[1]?.queuePosition, 2);
  assert.equal(sessionStatus(s), "paused");
});

test("epoch metrics replace the same epoch and stay sorted", () => {
  const live = reduce([{ type: "join-started" }, { type: "snapshot", snapshot: snapshot(1) }]);
  const m = (epoch: number, testNegElbo: number) => ({
    epoch,
    trainLoss: 1,
    testNegElbo,
    testRecon: 1,
    testKl: 1,
    seconds: 1,
    imgPerSec: 1,
  });
  const s = reduce(
    [
      { type: "delta", delta: { type: "epoch", seq: 2, runId: "r1", metrics: m(2, 150) } },
      { type: "delta", delta: { type: "epoch", seq: 3, runId: "r1", metrics: m(1, 180) } },
      { type: "delta", delta: { type: "epoch", seq: 4, runId: "r1", metrics: m(2, 140) } },
    ],
    live,
  );
  assert.deepEqual(
    s.runs.r1?.epochs.map((e) => [e.epoch, e.testNegElbo]),
    [
      [1, 180],
      [2, 140],
    ],
  );
});

test("samples keep the newest grid per kind and record grid epochs for the slider", () => {
  const live = reduce([{ type: "join-started" }, { type: "snapshot", snapshot: snapshot(1) }]);
  const grid = (epoch: number) => ({
    runId: "r1",
    epoch,
    kind: "prior" as const,
    rows: 1,
    cols: 1,
    pixels: new Uint8Array(784).fill(epoch),
  });
  const s = reduce(
    [
      { type: "delta", delta: { type: "samples", seq: 2, grids: [grid(2)] } },
      { type: "delta", delta: { type: "samples", seq: 3, grids: [grid(1)] } },
    ],
    live,
  );
  assert.equal(s.runs.r1?.grids.prior?.epoch, 2);
  assert.deepEqual(s.runs.r1.gridEpochs, [1, 2]);
});

test("checkpoints are not duplicated and a deleted session stays deleted across disconnects", () => {
  const live = reduce([{ type: "join-started" }, { type: "snapshot", snapshot: snapshot(1) }]);
  const ck = { id: "c1", runId: "r1", epoch: 1, createdAt: "x", decoderBytes: 10 };
  const s = reduce(
    [
      { type: "delta", delta: { type: "checkpoint", seq: 2, checkpoint: ck } },
      { type: "delta", delta: { type: "checkpoint", seq: 3, checkpoint: ck } },
      { type: "deleted" },
      { type: "disconnected" },
    ],
    live,
  );
  assert.equal(s.runs.r1?.checkpoints.length, 1);
  assert.equal(s.connection, "deleted");
});

test("a failed join says why", () => {
  const s = reduce([{ type: "join-started" }, { type: "join-failed", message: "nope" }]);
  assert.equal(s.connection, "error");
  assert.equal(s.error, "nope");
});

test("capSteps thins the older half only once the cap is reached", () => {
  const pts = Array.from({ length: 10 }, (_, i) => ({ globalStep: i, epoch: 1, loss: 1, recon: 1, kl: 0 }));
  assert.equal(capSteps(pts, 10), pts);
  assert.deepEqual(
    capSteps(pts, 9).map((p) => p.globalStep),
    [0, 2, 4, 5, 6, 7, 8, 9],
  );
});
