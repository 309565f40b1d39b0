import assert from "node:assert/strict";
import { test } from "node:test";
import { CreateGalleryItemBodySchema } from "../../../../lib/contracts/gallery";
import { IdSchema } from "../../../../lib/contracts/ids";
import { ControlBodySchema } from "../../../../lib/contracts/session";
import {
  ackSchema,
  DELTA_EVENTS,
  DeltaSchemas,
  JoinPayloadSchema,
  SessionSnapshotSchema,
} from "../../../../lib/contracts/socket";
import { resolveConfig } from "../../../../lib/model/config";

const identity = { method: "identity" as const, mean: null, axes: null, explained: null };

test("one id schema for every boundary: sessions, runs, gallery items, socket payloads", () => {
  for (const ok of ["a", "Ab_9-x", "x".repeat(64)]) assert.equal(IdSchema.safeParse(ok).success, true, ok);
  for (const bad of ["", "x".repeat(65), "a/b", "a b", "é"]) assert.equal(IdSchema.safeParse(bad).success, false, bad);
  // The same rule wherever an id enters.
  assert.equal(ControlBodySchema.safeParse({ action: "pause", runId: "a/b" }).success, false);
  assert.equal(JoinPayloadSchema.safeParse({ sessionId: "a b", protocol: 1 }).success, false);
  assert.equal(
    CreateGalleryItemBodySchema.safeParse({ sessionId: "a b", kind: "generation", png: "iVBORw0KGgo=" }).success,
    false,
  );
});

test("every seq-numbered delta needs its seq; gallery deltas are among them", () => {
  assert.ok(DELTA_EVENTS.includes("gallery:created") && DELTA_EVENTS.includes("gallery:deleted"));
  for (const event of DELTA_EVENTS) {
    assert.equal(DeltaSchemas[event].safeParse({}).success, false, `${event} needs at least a seq`);
  }
});

test("a snapshot parses what browsers receive (ArrayBuffer) into typed arrays, with the tolerant defaults", () => {
  const points = new Float32Array([1, 2, 3, 4]);
  const raw = {
    session: {
      id: "s1",
      title: "t",
      dataset: "mnist",
      createdAt: "x",
      runs: [
        { id: "r1", index: 0, preset: "vae-seed", config: resolveConfig("vae-seed"), status: "done", createdAt: "x" },
      ],
    },
    runs: { r1: { epochs: [], steps: [], progress: null, checkpoints: [] } },
    grids: [{ runId: "r1", epoch: 1, kind: "prior", rows: 1, cols: 1, pixels: new ArrayBuffer(784) }],
    gridEpochs: { r1: [1] },
    viewers: 1,
    isOwner: false,
    seq: 3,
  };
  const snap = SessionSnapshotSchema.parse(raw);
  assert.ok(snap.grids[0]?.pixels instanceof Uint8Array);
  assert.equal(snap.grids[0].pixels.length, 784);
  assert.equal(snap.runs.r1?.evaluation, null);
  assert.deepEqual(snap.latent, []);
  assert.deepEqual(snap.latentEpochs, {});

  // A latent scatter arrives as bytes (a Node Buffer at an odd offset here) and becomes float32 points.
  const buf = Buffer.alloc(points.byteLength + 1);
  Buffer.from(points.buffer).copy(buf, 1);
  const latent = {
    runId: "r1",
    epoch: 1,
    count: 2,
    projection: identity,
    points: buf.subarray(1),
    labels: new Uint8Array([3, 4]),
  };
  const parsed = SessionSnapshotSchema.parse({ ...raw, latent: [latent] });
  assert.ok(parsed.latent[0]?.points instanceof Float32Array);
  assert.deepEqual([...parsed.latent[0].points], [1, 2, 3, 4]);
  // Points and labels must agree with count.
  assert.equal(SessionSnapshotSchema.safeParse({ ...raw, latent: [{ ...latent, count: 3 }] }).success, false);
  assert.equal(
    SessionSnapshotSchema.safeParse({ ...raw, grids: [{ ...raw.grids[0], pixels: "AAAA" }] }).success,
    false,
  );
});

test("an ack is { data } or { error } with exactly the command's data schema; anything else fails", () => {
  const control = ackSchema("session:control");
  assert.equal(control.safeParse({ data: [] }).success, true);
  assert.equal(control.safeParse({ error: { code: "forbidden", message: "not the owner" } }).success, true);
  assert.equal(control.safeParse({ data: [{ id: "r1" }] }).success, false);
  assert.equal(control.safeParse({ error: { code: "teapot", message: "?" } }).success, false);
  assert.equal(control.safeParse([]).success, false);
  assert.equal(ackSchema("session:leave").safeParse({ data: true }).success, true);
});
