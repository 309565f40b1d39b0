import * as tf from "@tensorflow/tfjs";
import { parentPort, workerData } from "node:worker_threads";
import { buildVae } from "../../../lib/model/build";
import { buildCondition } from "../../../lib/model/conditions";
import { PIXELS, TrainConfigSchema } from "../../../lib/model/config";
import { initBackend } from "../backend";
import { shardRange } from "./batch";
import { CTRL_GO, GO_EXIT, type SharedRegions, type VariableSlot } from "./layout";
import { ShardRunner } from "./shard";
import { errorMessage } from "../../../lib/errors";

/**
 * A gradient worker thread (rank ≥ 1 of a data-parallel group, see shard.ts): its own tfjs + wasm instance and
 * model replica. Waits on the shared GO counter, reads its shard's inputs from shared memory, runs its part of the
 * step, and goes back to waiting. Started by stepper.ts through ../worker.bootstrap.cjs.
 */

export interface GradientWorkerData {
  entry: string;
  config: unknown;
  regions: SharedRegions;
  slots: VariableSlot[];
  rank: number;
  learningRate: number;
}

const port = parentPort;
if (!port) throw new Error("gradientWorker.ts must run in a worker thread");

async function main(): Promise<void> {
  const data = workerData as GradientWorkerData;
  const config = TrainConfigSchema.parse(data.config);
  const { regions, rank } = data;
  await initBackend(() => {});
  const models = buildVae(config);
  const runner = new ShardRunner(models, regions, data.slots, rank, data.learningRate);
  runner.loadAllWeights();
  const ctrl = new Int32Array(regions.ctrl);
  const meta = new Float64Array(regions.meta);
  const input = regions.inputs[rank]!;
  const xs = new Float32Array(input.x);
  const eps = new Float32Array(input.eps);
  const labels = new Int32Array(input.labels);
  const masks = input.masks ? new Float32Array(input.masks) : null;
  port!.postMessage({ type: "ready", backend: tf.getBackend() });

  let seen = 0;
  for (;;) {
    while (Atomics.load(ctrl, CTRL_GO) === seen) Atomics.wait(ctrl, CTRL_GO, seen);
    const go = Atomics.load(ctrl, CTRL_GO);
    if (go === GO_EXIT) break;
    seen = go;
    const size = meta[0] ?? 0;
    const klWeight = meta[1] ?? 0;
    const { from, to } = shardRange(size, regions.threads, rank);
    const n = to - from;
    try {
      const stats = tf.tidy(() => {
        const shard =
          n > 0
            ? (() => {
                const x = tf.tensor2d(xs.subarray(0, n * PIXELS), [n, PIXELS]);
                const lab = tf.tensor1d(labels.subarray(0, n), "int32");
                const mask = masks ? tf.tensor2d(masks.subarray(0, n * PIXELS), [n, PIXELS]) : null;
                const cond = buildCondition(config.condition, x, lab, mask);
                return { x, cond, eps: tf.tensor2d(eps.subarray(0, n * config.latentDim), [n, config.latentDim]) };
              })()
            : null;
        return runner.step(shard, klWeight, size);
      });
      stats.dispose();
    } catch (e) {
      runner.fail();
      throw e;
    }
  }
  runner.dispose();
  models.encoder.dispose();
  models.decoder.dispose();
}

main().catch((e: unknown) => {
  port.postMessage({ type: "error", message: errorMessage(e) });
  process.exit(1);
});
