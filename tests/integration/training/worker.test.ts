import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CheckpointArtifacts, WorkerEvent } from "../../../lib/contracts/training";
import { resolveConfig, type TrainConfig } from "../../../lib/model/config";
import { startTrainingJob } from "../../../server/training/trainingWorker";

/** The real worker thread (tsx bootstrap, wasm backend, real MNIST subset) on tiny runs. */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-worker-"));
const tiny = (over: Partial<TrainConfig> = {}): TrainConfig =>
  resolveConfig("vae-seed", {
    trainSize: 200,
    testSize: 100,
    epochs: 2,
    batchSize: 50,
    encoderHidden: [32],
    decoderHidden: [32],
    latentDim: 4,
    ...over,
  });

function waitFor(events: WorkerEvent[], pred: (e: WorkerEvent) => boolean, timeoutMs = 20000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (events.some(pred)) resolve();
      else if (Date.now() - started > timeoutMs)
        reject(new Error(`timed out; events: ${events.map((e) => e.type).join(",")}`));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

const summary = (e: WorkerEvent): string => (e.type === "status" ? `status:${e.status}` : e.type);

let lastCheckpoint: CheckpointArtifacts | undefined;

test("a tiny run emits ready, training, per-epoch progress/epoch/samples/latent/checkpoint, then done — in order", async () => {
  const events: WorkerEvent[] = [];
  const job = startTrainingJob(tiny(), { onEvent: (e) => events.push(e), dataDir, progressIntervalMs: 0 });
  const result = await job.done;
  assert.deepEqual(result, { lastEpoch: 2, stopped: false });
  const ready = events[0];
  assert.equal(ready?.type, "ready");
  // CI installs OpenBLAS's headers, so there the native kernels must be in use; elsewhere any backend may be.
  const allowed = process.env.CI ? ["wasm+openblas"] : ["wasm+openblas", "wasm", "cpu", "tensorflow"];
  assert.ok(allowed.includes(ready.backend), `backend ${ready.backend}`);
  // Collapse the progress runs: the protocol order is what matters.
  const order = events.map(summary).filter((s, i, all) => s !== "progress" || all[i - 1] !== "progress");
  assert.deepEqual(order, [
    "ready",
    "status:training",
    "progress",
    "epoch",
    "samples",
    "latent",
    "checkpoint",
    "progress",
    "epoch",
    "samples",
    "latent",
    "checkpoint",
    "status:done",
    "done",
  ]);
  const progress = events.filter((e) => e.type === "progress");
  assert.equal(progress.length, 8, "progressIntervalMs 0: one event per step (4 steps x 2 epochs)");
  const epochs = events.flatMap((e) => (e.type === "epoch" ? [e] : []));
  assert.deepEqual(
    epochs.map((e) => e.epoch),
    [1, 2],
  );
  for (const e of epochs) assert.ok(Number.isFinite(e.testNegElbo) && e.testNegElbo > 0);
  const samples = events.flatMap((e) => (e.type === "samples" ? [e] : []));
  assert.ok(samples[0]!.grids.length >= 1);
  for (const g of samples[0]!.grids) assert.equal(g.pixels.length, g.rows * g.cols * 784);
  const latent = events.flatMap((e) => (e.type === "latent" ? [e] : []));
  assert.deepEqual(
    latent.map((e) => e.epoch),
    [1, 2],
  );
  for (const e of latent) {
    // Typed arrays survive the thread boundary (transferred), one point per test image (100 here, 2,000 at most).
    assert.ok(e.points instanceof Float32Array && e.labels instanceof Uint8Array);
    assert.deepEqual([e.points.length, e.labels.length], [200, 100]);
    assert.ok(e.points.every(Number.isFinite));
  }
  const ckpt = events.flatMap((e) => (e.type === "checkpoint" ? [e] : [])).at(-1)!;
  assert.equal(ckpt.epoch, 2);
  assert.ok(
    ckpt.artifacts.decoder.weightData instanceof ArrayBuffer && ckpt.artifacts.decoder.weightData.byteLength > 0,
  );
  assert.equal(ckpt.artifacts.meta.epoch, 2);
  lastCheckpoint = ckpt.artifacts;
});

test("pause stops progress, resume continues, stop ends with status stopped and resolves done", async () => {
  const events: WorkerEvent[] = [];
  // 20 steps per epoch, 5 epochs: long enough to pause, resume and stop mid-run.
  const job = startTrainingJob(tiny({ batchSize: 10, epochs: 5 }), {
    onEvent: (e) => events.push(e),
    dataDir,
    progressIntervalMs: 0,
  });
  await waitFor(events, (e) => e.type === "progress");
  job.pause();
  await waitFor(events, (e) => e.type === "status" && e.status === "paused");
  const progressWhenPaused = events.filter((e) => e.type === "progress").length;
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(events.filter((e) => e.type === "progress").length, progressWhenPaused, "no progress while paused");
  job.resume();
  await waitFor(events, (e) => e.type === "status" && e.status === "training" && events.indexOf(e) > 1);
  await waitFor(events, () => events.filter((e) => e.type === "progress").length > progressWhenPaused);
  job.stop();
  const result = await job.done;
  assert.equal(result.stopped, true);
  assert.ok(result.lastEpoch < 5);
  const statuses = events.flatMap((e) => (e.type === "status" ? [e.status] : []));
  assert.deepEqual(statuses, ["training", "paused", "training", "stopped"]);
  assert.equal(
    events.some((e) => e.type === "done"),
    false,
    "a stopped run has no done event",
  );
});

test("resumeFrom continues at the checkpoint's next epoch", async () => {
  assert.ok(lastCheckpoint, "needs the first test's checkpoint");
  const events: WorkerEvent[] = [];
  const job = startTrainingJob(tiny({ epochs: 3 }), {
    onEvent: (e) => events.push(e),
    dataDir,
    resumeFrom: lastCheckpoint,
  });
  assert.deepEqual(await job.done, { lastEpoch: 3, stopped: false });
  assert.deepEqual(
    events.flatMap((e) => (e.type === "epoch" ? [e.epoch] : [])),
    [3],
  );
});

test("a failing run reports an error event and rejects done without crashing the parent", async () => {
  assert.ok(lastCheckpoint);
  const events: WorkerEvent[] = [];
  // A checkpoint of a latent-4 model cannot seed a latent-6 model.
  const job = startTrainingJob(tiny({ latentDim: 6, epochs: 3 }), {
    onEvent: (e) => events.push(e),
    dataDir,
    resumeFrom: lastCheckpoint,
  });
  await assert.rejects(job.done, /checkpoint does not fit/);
  assert.ok(events.some((e) => e.type === "error" && /checkpoint does not fit/.test(e.message)));
});

test("terminate kills a running job and settles done as stopped", async () => {
  const events: WorkerEvent[] = [];
  const job = startTrainingJob(tiny({ batchSize: 10, epochs: 50 }), {
    onEvent: (e) => events.push(e),
    dataDir,
    progressIntervalMs: 0,
  });
  await waitFor(events, (e) => e.type === "progress");
  await job.terminate();
  const result = await job.done;
  assert.equal(result.stopped, true);
  const count = events.length;
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(events.length, count, "no events after terminate");
});
