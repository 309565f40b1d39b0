import * as tf from "@tensorflow/tfjs";
import * as os from "node:os";
import type { Worker } from "node:worker_threads";
import type { OptimizerState } from "../../../lib/contracts/training";
import type { VaeModels } from "../../../lib/model/build";
import { conditionWidth, PIXELS } from "../../../lib/model/config";
import { trainableVariables } from "../../../lib/model/vae";
import { startWorkerThread } from "../../runtime/workerThreads";
import { gaussianFill } from "../loop/random";
import { fillImagesT, fillLabels, shardRange, transposeRows } from "./batch";
import type { GradientWorkerData } from "./gradientWorker";
import { activeNativeKernels } from "../native/addon";
import { createNativeStepper, type NativeEvaluationSet } from "../native/nativeStepper";
import { allocateRegions, CTRL_GO, GO_EXIT, planSlots, type SharedRegions } from "./layout";
import { ShardRunner, shardTensors } from "./shard";
import { trainingEnv } from "../../config/env";

/**
 * The training step used by the epoch loop. With the native kernels addon: the whole step in C over a thread team
 * (../native/nativeStepper.ts). Otherwise (NATIVE_KERNELS=0, or no addon) the tfjs step: fast explicit gradients
 * (server/training/kernels/fastGrads.ts), FlatAdam (flatAdam.ts), batches assembled feature-major from the uint8
 * dataset, optionally data-parallel over gradient worker threads (shard.ts).
 *
 * Threads: `TRAIN_WORKERS` env, else the caller's choice, else DEFAULT_TRAIN_THREADS capped by the cores.
 */

/**
 * Two threads when the cores are free: with the native step two threads train ~1.9x as fast as one on an idle
 * 2-core machine (docs/performance.md, issue 14). When other processes hold a core, lock-step threads gain nothing
 * (they then run about as fast as one), so TRAIN_WORKERS=1 or gradientWorkers: 1 is the choice on a busy machine.
 */
export const DEFAULT_TRAIN_THREADS = 2;
export const MAX_TRAIN_THREADS = 8;
/** Below this much work per step (batch × weights) a worker's start-up (~1–3 s) and per-step sync cost more than they save. */
export const MIN_PARALLEL_WORK = 64 * 100_000;

/**
 * Threads for a run: TRAIN_WORKERS (1 = no worker threads) > requested > automatic (DEFAULT_TRAIN_THREADS for
 * real-sized steps, 1 for tiny ones such as tests); requested and automatic are capped by the cores.
 */
export function resolveTrainThreads(
  requested: number | undefined,
  workload: { batchSize: number; paramCount: number },
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  const check = (n: number, what: string): number => {
    if (!Number.isInteger(n) || n < 1 || n > MAX_TRAIN_THREADS)
      throw new Error(`${what} must be an integer 1..${MAX_TRAIN_THREADS}, got ${n}`);
    return n;
  };
  const fromEnv = trainingEnv(env).TRAIN_WORKERS;
  if (fromEnv !== undefined) return fromEnv;
  const cores = os.availableParallelism();
  if (requested !== undefined) return Math.min(check(requested, "gradientWorkers"), cores);
  const big = workload.batchSize * workload.paramCount >= MIN_PARALLEL_WORK;
  return big ? Math.min(DEFAULT_TRAIN_THREADS, cores) : 1;
}

export interface StepRequest {
  /** This epoch's permutation of the training images; the batch is perm[start, start + size). */
  perm: Int32Array;
  start: number;
  size: number;
  klWeight: number;
  epsSeed: number;
  /** size × 784 inpainting masks (1 = observed) for "inpaint" models, else null. */
  masks: Float32Array | null;
}

/** [loss, recon, kl]: means per image of one batch, loss = recon + klWeight · kl. */
export type StepStats = readonly [number, number, number];

export interface TrainStepper {
  readonly threads: number;
  /** One Adam step on one batch. */
  step(r: StepRequest): StepStats;
  /**
   * Brings the models' variables up to date with the steps taken (before evaluating, sampling or checkpointing):
   * the native step keeps the weights in a flat array of its own; the tfjs step updates the variables every step.
   */
  syncWeights(): void;
  /** The test negative ELBO computed by the stepper itself (the native step: every thread, no tfjs), when it can. */
  evaluate?(set: NativeEvaluationSet): { negElbo: number; recon: number; kl: number };
  /** Adam's state after the last step, for checkpoints (a copy). */
  optimizerState(): OptimizerState;
  /** Stops the worker threads and frees the optimizer state (the models stay). */
  dispose(): Promise<void>;
}

export interface StepperData {
  /** count × 784 bytes, 0..255 */
  images: Uint8Array;
  labels: Uint8Array;
}

function startWorker(data: Omit<GradientWorkerData, "entry">): { worker: Worker; ready: Promise<void> } {
  const worker = startWorkerThread("server/training/parallel/gradientWorker", { ...data });
  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (m: { type: string; message?: string }) => {
      if (m.type === "ready") resolve();
      else if (m.type === "error") reject(new Error(`gradient worker ${data.rank}: ${m.message}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`gradient worker ${data.rank} exited (code ${code})`)));
  });
  ready.catch(() => {});
  return { worker, ready };
}

export interface StepperOptions {
  threads: number;
  learningRate: number;
  batchSize: number;
  optimizer?: OptimizerState;
  /**
   * "auto" (default): the whole step in C (../native/nativeStepper.ts) when the native kernels addon is active,
   * else tfjs with gradient worker threads; "tfjs" forces the latter (tests compare the two).
   */
  step?: "auto" | "tfjs";
}

/** Whether createTrainStepper would take the native whole-step path here (NATIVE_KERNELS and the addon decide). */
export function nativeStepAvailable(): boolean {
  return activeNativeKernels() !== null;
}

export async function createTrainStepper(
  models: VaeModels,
  data: StepperData,
  opts: StepperOptions,
): Promise<TrainStepper> {
  const addon = opts.step === "tfjs" ? null : activeNativeKernels();
  if (addon) return createNativeStepper(addon, models, data, opts);
  return createTfjsStepper(models, data, opts);
}

/** The tfjs step: explicit gradients with tfjs kernels (native ones on wasm when built), gradient worker threads. */
async function createTfjsStepper(models: VaeModels, data: StepperData, opts: StepperOptions): Promise<TrainStepper> {
  const config = models.config;
  const threads = opts.threads;
  const vars = trainableVariables(models);
  const slots = planSlots(vars);
  const paramCount = slots.reduce((a, s) => a + s.size, 0);
  const regions: SharedRegions | null =
    threads > 1
      ? allocateRegions(threads, opts.batchSize, config.latentDim, paramCount, config.condition === "inpaint")
      : null;
  const resume = opts.optimizer;
  if (resume && resume.moments.byteLength !== 8 * paramCount) {
    throw new Error(
      `optimizer state holds ${resume.moments.byteLength / 4} floats, this model needs ${2 * paramCount}`,
    );
  }
  const adamStep = resume?.step ?? 0;
  const runner = new ShardRunner(models, regions, slots, 0, opts.learningRate, {
    step: adamStep,
    ...(resume ? { moments: new Float32Array(resume.moments) } : {}),
  });
  const workers: Worker[] = [];
  if (regions) {
    runner.publishAllWeights();
    const started = [];
    for (let rank = 1; rank < threads; rank++)
      started.push(startWorker({ config, regions, slots, rank, learningRate: opts.learningRate, adamStep }));
    workers.push(...started.map((s) => s.worker));
    try {
      await Promise.all(started.map((s) => s.ready));
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      runner.dispose();
      throw e;
    }
  }
  const ctrl = regions ? new Int32Array(regions.ctrl) : null;
  const meta = regions ? new Float64Array(regions.meta) : null;
  const views = regions?.inputs.map((r) => ({
    x: new Float32Array(r.x),
    eps: new Float32Array(r.eps),
    labels: new Int32Array(r.labels),
    masks: r.masks ? new Float32Array(r.masks) : null,
  }));
  const L = config.latentDim;
  const B = opts.batchSize;
  // Thread 0's own shard, assembled feature-major in plain arrays (batch.ts), and the whole batch's noise.
  const own = {
    xT: new Float32Array(B * PIXELS),
    epsT: new Float32Array(B * L),
    labels: new Int32Array(B),
    masks: null as Float32Array | null,
  };
  const condScratch = new Float32Array(B * conditionWidth(config.condition));
  const epsAll = new Float32Array(B * L);
  let disposed = false;

  return {
    threads,
    step(r: StepRequest): StepStats {
      if (disposed) throw new Error("TrainStepper: disposed");
      if (r.size < 1 || r.size > B) throw new Error(`TrainStepper: batch size ${r.size} outside 1..${B}`);
      gaussianFill(epsAll, r.epsSeed, r.size * L); // [size, L], image-major so shards split it by rows
      if (regions && ctrl && meta && views) {
        for (let k = 1; k < threads; k++) {
          const { from, to } = shardRange(r.size, threads, k);
          const v = views[k]!;
          fillImagesT(data.images, r.perm, r.start + from, to - from, v.x);
          fillLabels(data.labels, r.perm, r.start + from, to - from, v.labels);
          transposeRows(epsAll, L, from, to, v.eps);
          if (v.masks && r.masks) v.masks.set(r.masks.subarray(from * PIXELS, to * PIXELS));
        }
        meta[0] = r.size;
        meta[1] = r.klWeight;
        Atomics.add(ctrl, CTRL_GO, 1);
        Atomics.notify(ctrl, CTRL_GO);
      }
      const { from, to } = shardRange(r.size, threads, 0);
      const n = to - from;
      try {
        const stats = tf.tidy(() => {
          fillImagesT(data.images, r.perm, r.start + from, n, own.xT);
          fillLabels(data.labels, r.perm, r.start + from, n, own.labels);
          transposeRows(epsAll, L, from, to, own.epsT);
          own.masks = r.masks ? r.masks.subarray(from * PIXELS, to * PIXELS) : null;
          const shard = n > 0 ? shardTensors(config.condition, n, L, own, condScratch) : null;
          return runner.step(shard, r.klWeight, r.size);
        });
        const [loss = NaN, recon = NaN, kl = NaN] = stats.dataSync();
        stats.dispose();
        const [l2, r2, k2] = threads > 1 ? runner.othersStats() : [0, 0, 0];
        return [loss + l2, recon + r2, kl + k2];
      } catch (e) {
        runner.fail();
        throw e;
      }
    },
    syncWeights: () => {},
    optimizerState: () => runner.optimizerState(),
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      if (ctrl) {
        Atomics.store(ctrl, CTRL_GO, GO_EXIT);
        Atomics.notify(ctrl, CTRL_GO);
      }
      await Promise.all(workers.map((w) => w.terminate()));
      runner.dispose();
    },
  };
}
