import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveTrainThreads } from "../../../../../server/training/parallel/stepper";

test("gradient threads: TRAIN_WORKERS wins, tiny steps stay on one thread, bad values are refused", () => {
  const big = { batchSize: 128, paramCount: 550_000 };
  const tiny = { batchSize: 8, paramCount: 5_000 };
  assert.equal(resolveTrainThreads(undefined, tiny, {}), 1);
  assert.ok(resolveTrainThreads(undefined, big, {}) >= 1);
  assert.equal(resolveTrainThreads(2, tiny, { TRAIN_WORKERS: "1" }), 1);
  assert.equal(resolveTrainThreads(undefined, tiny, { TRAIN_WORKERS: "3" }), 3);
  assert.equal(resolveTrainThreads(1, big, {}), 1);
  assert.throws(() => resolveTrainThreads(undefined, big, { TRAIN_WORKERS: "zero" }), /TRAIN_WORKERS/);
  assert.throws(() => resolveTrainThreads(0, big, {}), /gradientWorkers/);
});
