import { test } from "node:test";
import assert from "node:assert/strict";
import type { RunEvaluationView } from "../../../../lib/contracts/comparison";
import { SNAPSHOT_LATENT_EPOCHS } from "../../../../lib/contracts/session";
import {
  initialSessionState,
  sessionReducer,
  type LiveLatent,
  type SessionAction,
  type SessionState,
} from "../../../../app/client/sessionState";
import { oneRunSnapshot } from "./snapshotFixture";
import { deltaParsers } from "../../../../app/client/deltas";
import { toFloat32Array } from "../../../../lib/contracts/binary";
import { SessionSnapshotSchema } from "../../../../lib/contracts/socket";

const parseSnapshot = (raw: unknown) => SessionSnapshotSchema.parse(raw);
import { comparisonRow } from "../../lib/contracts/comparisonRow";

const identity = { method: "identity" as const, mean: null, axes: null, explained: null };
const latent = (epoch: number, x = epoch): LiveLatent => ({
  runId: "r1",
  epoch,
  count: 2,
  projection: identity,
  points: new Float32Array([x, 0, 0, x]),
  labels: new Uint8Array([1, 7]),
});

const snapshot = oneRunSnapshot;
const reduce = (actions: SessionAction[], from: SessionState = initialSessionState) =>
  actions.reduce(sessionReducer, from);
const delta = (seq: number, l: LiveLatent): SessionAction => ({
  type: "delta",
  delta: { type: "latent", seq, latent: l },
});
const joined = (snap = snapshot(1)) => reduce([{ type: "join-started" }, { type: "snapshot", snapshot: snap }]);

test("latent deltas add one epoch each, in epoch order, and list it for the slider", () => {
  const s = reduce([delta(2, latent(1)), delta(3, latent(2))], joined());
  assert.deepEqual(
    s.runs.r1!.latent.map((l) => l.epoch),
    [1, 2],
  );
  assert.deepEqual(s.runs.r1!.latentEpochs, [1, 2]);
  assert.equal(s.seq, 3);
});

test("a latent delta at or below the applied seq is dropped; the same epoch under a newer seq replaces (a resumed run)", () => {
  const once = reduce([delta(2, latent(1))], joined());
  const again = reduce([delta(2, latent(1, 99))], once);
  assert.equal(again, once, "same state object: nothing changed");
  const replaced = reduce([delta(3, latent(1, 5))], once);
  assert.equal(replaced.runs.r1!.latent.length, 1);
  assert.equal(replaced.runs.r1!.latent[0]!.points[0], 5);
});

test("a late joiner's snapshot holds every epoch; deltas received while joining are replayed minus those it has", () => {
  const snap = snapshot(4, { latent: [latent(2), latent(1)], latentEpochs: { r1: [1, 2] } });
  const s = reduce([
    { type: "join-started" },
    delta(4, latent(2, 50)),
    delta(5, latent(3)),
    { type: "snapshot", snapshot: snap },
  ]);
  assert.deepEqual(
    s.runs.r1!.latent.map((l) => [l.epoch, l.points[0]]),
    [
      [1, 1],
      [2, 2],
      [3, 3],
    ],
    "seq 4 was in the snapshot already",
  );
  assert.deepEqual(s.runs.r1!.latentEpochs, [1, 2, 3]);
});

test("the page keeps the newest SNAPSHOT_LATENT_EPOCHS scatters and every epoch number", () => {
  let s = joined();
  for (let e = 1; e <= SNAPSHOT_LATENT_EPOCHS + 3; e++) s = reduce([delta(e + 1, latent(e))], s);
  assert.equal(s.runs.r1!.latent.length, SNAPSHOT_LATENT_EPOCHS);
  assert.equal(s.runs.r1!.latent[0]!.epoch, 4);
  assert.equal(s.runs.r1!.latentEpochs.length, SNAPSHOT_LATENT_EPOCHS + 3);
});

test("an evaluation delta sets the run's evaluation; unknown runs are ignored", () => {
  const evaluation: RunEvaluationView = {
    runId: "r1",
    epoch: 3,
    seconds: 2.5,
    notes: [],
    createdAt: "2026-12-01T00:00:00.000Z",
    row: comparisonRow({ iwaeNegLogLik: 106 }),
  };
  const s = reduce(
    [
      { type: "delta", delta: { type: "evaluation", seq: 2, evaluation } },
      { type: "delta", delta: { type: "evaluation", seq: 3, evaluation: { ...evaluation, runId: "zz" } } },
    ],
    joined(),
  );
  assert.equal(s.runs.r1!.evaluation?.row.iwaeNegLogLik, 106);
  assert.equal(s.runs.zz, undefined);
  const parsed = deltaParsers["run:evaluation"]({ seq: 9, ...evaluation });
  assert.deepEqual(parsed, { type: "evaluation", seq: 9, evaluation });
  assert.throws(() =>
    deltaParsers["run:evaluation"]({ seq: 9, ...evaluation, row: { ...evaluation.row, labelAccuracy: 2 } }),
  );
});

test("wire: float32 points from an ArrayBuffer, an aligned view, or a Buffer at an odd offset (copied) read the same", () => {
  const values = [1.5, -2.25, 1e-3, 3];
  const f = new Float32Array(values);
  const bytes = new Uint8Array(f.buffer);
  const odd = Buffer.alloc(bytes.length + 1);
  odd.set(bytes, 1);
  for (const raw of [f.buffer, bytes, odd.subarray(1)])
    assert.deepEqual(Array.from(toFloat32Array(raw)!), Array.from(f));
  assert.equal(toFloat32Array(new Uint8Array(3)), null, "not a whole number of floats");
  assert.equal(toFloat32Array("nope"), null);
});

test("wire: a latent delta parses binary points and labels and refuses counts that do not match", () => {
  const raw = {
    seq: 3,
    runId: "r1",
    epoch: 1,
    count: 2,
    projection: identity,
    points: Buffer.from(new Float32Array([1, 2, 3, 4]).buffer),
    labels: Buffer.from([0, 9]),
  };
  const d = deltaParsers["run:latent"](raw);
  assert.equal(d.type, "latent");
  assert.ok(d.latent.points instanceof Float32Array);
  assert.deepEqual(Array.from(d.latent.points), [1, 2, 3, 4]);
  assert.deepEqual(Array.from(d.latent.labels), [0, 9]);
  assert.throws(() => deltaParsers["run:latent"]({ ...raw, count: 3 }), /2 · count/);
  const pca = {
    method: "pca",
    mean: [0, 0, 0],
    axes: [
      [1, 0, 0],
      [0, 1],
    ],
    explained: [0.5, 0.2],
  };
  assert.throws(() => deltaParsers["run:latent"]({ ...raw, projection: pca }), /latent size/);
  const snap = parseSnapshot({ ...snapshot(1), latent: [{ ...raw, seq: undefined }] });
  assert.equal(snap.latent[0]!.points.length, 4);
});
