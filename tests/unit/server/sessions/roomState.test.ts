import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RunView } from "../../../../lib/contracts/session";
import { SNAPSHOT_LATENT_EPOCHS } from "../../../../lib/contracts/session";
import { emptyRunState, RoomState } from "../../../../server/sessions/roomState";
import type { LogEntry } from "../../../../server/sessions/sessionLog";
import { comparisonRow } from "../../lib/contracts/comparisonRow";
import { progress, tinyConfig } from "../scheduler/fakes";

const view = (over: Partial<RunView> = {}): RunView => ({
  id: "r1",
  index: 0,
  preset: "vae-seed",
  config: tinyConfig(),
  status: "training",
  createdAt: new Date(0).toISOString(),
  ...over,
});

function room(): RoomState {
  const state = new RoomState({ id: "s1", title: "t", dataset: "mnist", ownerTokenHash: "00", createdAt: new Date(0) });
  state.addRun(emptyRunState(view()));
  return state;
}

const epochEntry = (seq: number, epoch: number, testNegElbo = 100): LogEntry => ({
  seq,
  event: "run:epoch",
  payload: { runId: "r1", epoch, trainLoss: 1, testNegElbo, testRecon: 90, testKl: 10, seconds: 1, imgPerSec: 5 },
});

describe("RoomState.apply", () => {
  test("entries at or below the room's seq are ignored; the seq follows the entries", () => {
    const state = room();
    assert.equal(state.apply(epochEntry(1, 1)), true);
    assert.equal(state.apply(epochEntry(1, 2)), false, "same seq again");
    assert.equal(state.seq, 1);
    assert.deepEqual(
      state.runs.get("r1")!.epochs.map((e) => e.epoch),
      [1],
    );
  });

  test("is idempotent for what a room loaded from the database already holds (persisted before appended)", () => {
    const state = room();
    const live = state.runs.get("r1")!;
    live.epochs = [epochEntry(0, 1).payload as never];
    live.steps = [{ globalStep: 5, epoch: 1, loss: 1, recon: 1, kl: 0 }];
    live.gridEpochs = [1];
    live.checkpoints = [{ id: "c1", runId: "r1", epoch: 1, createdAt: new Date(0).toISOString(), decoderBytes: 10 }];
    state.apply({ ...epochEntry(1, 1, 99), step: { globalStep: 5, epoch: 1, loss: 1, recon: 1, kl: 0 } });
    state.apply({
      seq: 2,
      event: "run:samples",
      payload: { grids: [{ runId: "r1", epoch: 1, kind: "prior", rows: 1, cols: 1, pixels: new Uint8Array(784) }] },
    });
    state.apply({ seq: 3, event: "run:checkpoint", payload: live.checkpoints[0]! });
    assert.equal(live.epochs.length, 1, "an epoch is replaced, not added twice");
    assert.equal(live.epochs[0]!.testNegElbo, 99);
    assert.equal(live.steps.length, 1, "a step point at or before the last one is not added");
    assert.deepEqual(live.gridEpochs, [1]);
    assert.equal(live.checkpoints.length, 1);
    assert.equal(state.seq, 3);
  });

  test("progress keeps only kept step points; grids keep the newest epoch of each kind; status replaces the view or adds a run", () => {
    const state = room();
    const live = state.runs.get("r1")!;
    state.apply({ seq: 1, event: "run:progress", payload: { runId: "r1", sentAt: 1, ...progress(1, 1) } });
    state.apply({
      seq: 2,
      event: "run:progress",
      payload: { runId: "r1", sentAt: 2, ...progress(1, 2) },
      step: { globalStep: 2, epoch: 1, loss: 1, recon: 1, kl: 0 },
    });
    assert.deepEqual(
      live.steps.map((s) => s.globalStep),
      [2],
    );
    assert.equal(live.progress?.globalStep, 2);
    assert.equal("sentAt" in live.progress, false, "the latency stamp is not state");

    const grid = (epoch: number, kind: "prior" | "reconstruction") => ({
      runId: "r1",
      epoch,
      kind,
      rows: 1,
      cols: 1,
      pixels: new Uint8Array(784).fill(epoch),
    });
    state.apply({ seq: 3, event: "run:samples", payload: { grids: [grid(2, "prior"), grid(2, "reconstruction")] } });
    state.apply({ seq: 4, event: "run:samples", payload: { grids: [grid(1, "prior")] } });
    assert.deepEqual(
      live.latestGrids.map((g) => `${g.epoch}/${g.kind}`),
      ["2/prior", "2/reconstruction"],
      "an older epoch arriving late does not replace",
    );
    assert.deepEqual(live.gridEpochs, [1, 2]);

    state.apply({ seq: 5, event: "run:status", payload: { run: view({ status: "paused" }) } });
    assert.equal(state.runs.get("r1")!.view.status, "paused");
    state.apply({
      seq: 6,
      event: "run:status",
      payload: { run: view({ id: "r2", index: 1, status: "queued", queuePosition: 2 }) },
    });
    const snap = state.snapshot(false);
    assert.deepEqual(
      snap.session.runs.map((r) => [r.id, r.status, r.queuePosition]),
      [
        ["r1", "paused", undefined],
        ["r2", "queued", 2],
      ],
    );
    assert.equal(snap.seq, 6);
  });

  test("latent scatters: keyed by epoch (a replay replaces), in epoch order, the newest SNAPSHOT_LATENT_EPOCHS kept; every epoch listed", () => {
    const state = room();
    const live = state.runs.get("r1")!;
    let seq = 0;
    const latent = (epoch: number, x = epoch): LogEntry => ({
      seq: ++seq,
      event: "run:latent",
      payload: {
        runId: "r1",
        epoch,
        count: 1,
        projection: { method: "identity", mean: null, axes: null, explained: null },
        points: new Float32Array([x, -x]),
        labels: new Uint8Array([epoch % 10]),
      },
    });
    assert.equal(state.apply(latent(2)), true);
    state.apply(latent(1)); // an older epoch arriving later (a resume replays) still lands in order
    state.apply(latent(2, 20)); // the same epoch again replaces
    assert.deepEqual(live.latentEpochs, [1, 2]);
    assert.deepEqual(
      live.latent.map((l) => [l.epoch, l.points[0]]),
      [
        [1, 1],
        [2, 20],
      ],
    );
    assert.equal(state.apply({ ...latent(3), seq: 1 }), false, "an entry at or below the room's seq is ignored");
    assert.deepEqual(live.latentEpochs, [1, 2]);
    for (let e = 3; e <= SNAPSHOT_LATENT_EPOCHS + 5; e++) state.apply(latent(e));
    assert.equal(live.latent.length, SNAPSHOT_LATENT_EPOCHS, "memory stays bounded");
    assert.equal(live.latent[0]!.epoch, 6);
    assert.equal(live.latentEpochs.length, SNAPSHOT_LATENT_EPOCHS + 5, "the slider still knows every epoch");
    const snap = state.snapshot(false);
    assert.deepEqual(
      snap.latent.map((l) => l.epoch),
      live.latent.map((l) => l.epoch),
    );
    assert.deepEqual(snap.latentEpochs.r1, live.latentEpochs);
    const stray = latent(1) as Extract<LogEntry, { event: "run:latent" }>;
    assert.equal(
      state.apply({ ...stray, payload: { ...stray.payload, runId: "unknown" } }),
      true,
      "a run the room does not have: only the seq moves",
    );
  });

  test("an evaluation replaces the run's previous one and reaches the snapshot", () => {
    const state = room();
    const evaluation = (seq: number, nll: number): LogEntry => ({
      seq,
      event: "run:evaluation",
      payload: {
        runId: "r1",
        epoch: 3,
        seconds: 2,
        notes: [],
        createdAt: new Date(0).toISOString(),
        row: comparisonRow({ latentDim: 2, iwaeNegLogLik: nll }),
      },
    });
    assert.equal(state.snapshot(false).runs.r1!.evaluation, null);
    state.apply(evaluation(1, 148));
    state.apply(evaluation(2, 147));
    assert.equal(state.snapshot(false).runs.r1!.evaluation?.row.iwaeNegLogLik, 147);
  });
});
