import * as tf from "@tensorflow/tfjs";
import { parentPort, workerData } from "node:worker_threads";
import { buildVae } from "../../../lib/model/build";
import { conditionWidth, PIXELS, TrainConfigSchema } from "../../../lib/model/config";
import { initBackend } from "../backend";
import { shardRange } from "./batch";
import { CTRL_GO, GO_EXIT, type SharedRegions, type VariableSlot } from "./layout";
import { ShardRunner, shardTensors } from "./shard";
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
  /** Adam updates already taken (a resumed run); the moments come through the shared regions. */
  adamStep: number;
}

const port = parentPort;
if (!port) throw new Error("gradientWorker.ts must run in a worker thread");

async function main(): Promise<void> {
  const data = workerData as GradientWorkerData;
  const config = TrainConfigSchema.parse(data.config);
  const { regions, rank } = data;
  await initBackend(() => {});
  const models = buildVae(config);
  const runner = new ShardRunner(models, regions, data.slots, rank, data.learningRate, { step: data.adamStep });
  runner.loadAllWeights();
  const ctrl = new Int32Array(regions.ctrl);
  const meta = new Float64Array(regions.meta);
  const input = regions.inputs[rank]!;
  const xs = new Float32Array(input.x);
  const eps = new Float32Array(input.eps);
  const labels = new Int32Array(input.labels);
  const masks = input.masks ? new Float32Array(input.masks) : null;
  // Thread 0 writes this shard's images (feature-major, xᵀ [784, n]), noise (εᵀ [latent, n]), labels and masks.
  const condScratch = new Float32Array((xs.length / PIXELS) * conditionWidth(config.condition));
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
        const arrays = { xT: xs, epsT: eps, labels, masks: masks ? masks.subarray(0, n * PIXELS) : null };
        const shard = n > 0 ? shardTensors(config.condition, n, config.latentDim, arrays, condScratch) : null;
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
