import assert from "node:assert/strict";
import { test } from "node:test";
import type { LatentProjection } from "../../../../lib/contracts/latent";
import { transferablesOf } from "../../../../server/training/workerProtocol";

const identity: LatentProjection = { method: "identity", mean: null, axes: null, explained: null };

test("a latent event moves the buffers its points and labels own, and copies views into larger buffers", () => {
  const points = new Float32Array(4000);
  const labels = new Uint8Array(2000);
  assert.deepEqual(transferablesOf({ type: "latent", epoch: 1, points, labels, projection: identity }), [
    points.buffer,
    labels.buffer,
  ]);
  const shared = new ArrayBuffer(64);
  const view = {
    type: "latent" as const,
    epoch: 2,
    points: new Float32Array(shared, 0, 8),
    labels: new Uint8Array(shared, 32, 4),
    projection: identity,
  };
  assert.deepEqual(transferablesOf(view), [], "views are copied, so the rest of the buffer stays usable");
});

test("events without binary payloads transfer nothing", () => {
  assert.deepEqual(transferablesOf({ type: "done", epoch: 3 }), []);
  assert.deepEqual(transferablesOf({ type: "status", status: "training" }), []);
});
