import { performance } from "node:perf_hooks";
import { resolveConfig } from "../../lib/model/config";
import { errorMessage } from "../../lib/errors";
import { startTrainingJob } from "../training/trainingWorker";
import type { SpeedSample } from "./types";

/**
 * A short, bounded measurement of training speed through the real path (startTrainingJob: the worker thread, its
 * gradient threads, batch 128 of vae-seed on MNIST), timed from its per-step progress events: the steps after a
 * warm-up, for at most `windowMs`. A slow backend (cpu: one step can take seconds) is cut off at `budgetMs` and
 * measured on the steps it finished.
 */

export interface MeasureOptions {
  nativeKernels: boolean;
  warmupSteps?: number;
  /** Measuring stops after this many steps past the warm-up… */
  steps?: number;
  /** …or after this long, whichever comes first. */
  windowMs?: number;
  /** Hard limit for the whole measurement, start-up included. */
  budgetMs?: number;
}

const BATCH = 128;

interface Mark {
  step: number;
  at: number;
}

export async function measureTraining(opts: MeasureOptions): Promise<SpeedSample> {
  const { warmupSteps = 15, steps = 300, windowMs = 3000, budgetMs = 20_000 } = opts;
  // Worker threads start with a copy of this process's environment: this is how NATIVE_KERNELS=0 reaches them.
  const saved = process.env.NATIVE_KERNELS;
  if (!opts.nativeKernels) process.env.NATIVE_KERNELS = "0";
  let backend = "?";
  const seen: { first?: Mark; last?: Mark } = {};
  let enough!: () => void;
  const finished = new Promise<void>((r) => (enough = r));
  const timeout = setTimeout(() => enough(), budgetMs);
  const job = startTrainingJob(resolveConfig("vae-seed", { epochs: 1, batchSize: BATCH, testSize: 100 }), {
    progressIntervalMs: 0,
    onEvent: (e) => {
      if (e.type === "ready") backend = e.backend;
      if (e.type !== "progress" || e.step < warmupSteps) return;
      const mark = { step: e.step, at: performance.now() };
      seen.first ??= mark;
      seen.last = mark;
      if (mark.step - seen.first.step >= steps || mark.at - seen.first.at >= windowMs) enough();
    },
  });
  try {
    await Promise.race([finished, job.done]);
  } catch (e) {
    return { error: errorMessage(e) };
  } finally {
    clearTimeout(timeout);
    await job.terminate();
    if (saved === undefined) delete process.env.NATIVE_KERNELS;
    else process.env.NATIVE_KERNELS = saved;
  }
  const { first, last } = seen;
  if (!first || !last || last.step === first.step)
    return { error: `fewer than ${warmupSteps + 2} training steps in ${budgetMs / 1000} s` };
  const seconds = (last.at - first.at) / 1000;
  return { backend, imgPerSec: ((last.step - first.step) * BATCH) / seconds, seconds };
}
