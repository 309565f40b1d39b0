import { Worker } from "node:worker_threads";
import type { CheckpointArtifacts, WorkerCommand, WorkerEvent } from "../../lib/contracts/training";
import type { TrainConfig } from "../../lib/model/config";
import { workerScript } from "../runtime/workerThreads";
import type { WorkerInput, WorkerResult } from "./workerProtocol";
import { logger } from "../logging/logger";

/**
 * Runs `train()` in a worker_threads Worker so the caller's event loop stays free (app server, CLI).
 *
 * Events: "ready" (backend), "status" training → (paused ⇄ training)* → "done" | "stopped", progress / epoch /
 * samples / latent / checkpoint as they happen, "evaluation" after the last epoch (when asked for), "done" (only when all epochs ran), "error" (then `done` rejects).
 * `terminate()` kills the thread without a status event (a server shutting down leaves the run resumable)
 * and resolves `done` as stopped at the last checkpointed epoch.
 */
export interface TrainingJob {
  /** Resolves when the thread finished or stopped; rejects on a worker error. Never an unhandled rejection. */
  readonly done: Promise<{ lastEpoch: number; stopped: boolean }>;
  pause(): void;
  resume(): void;
  /** Ends after the current step: status "stopped", then `done` resolves with stopped = true. */
  stop(): void;
  /** Hard kill (server shutdown). */
  terminate(): Promise<void>;
}

export interface StartTrainingJobOptions {
  onEvent: (e: WorkerEvent) => void;
  resumeFrom?: CheckpointArtifacts;
  dataDir?: string;
  progressIntervalMs?: number;
  float16?: boolean;
  /** Threads computing gradients, 1 = none besides the training thread (TRAIN_WORKERS overrides; default automatic). */
  gradientWorkers?: number;
  /** After the last epoch, evaluate the run (an "evaluation" event before "done"); `run` names it in the row. */
  evaluation?: { run: string };
}

export function startTrainingJob(config: TrainConfig, opts: StartTrainingJobOptions): TrainingJob {
  const { script, entry } = workerScript("server/training/worker");
  const input: WorkerInput = {
    entry,
    config,
    resumeFrom: opts.resumeFrom,
    dataDir: opts.dataDir,
    progressIntervalMs: opts.progressIntervalMs,
    float16: opts.float16,
    gradientWorkers: opts.gradientWorkers,
    evaluation: opts.evaluation,
  };
  const worker = new Worker(script, { workerData: input });

  let lastCheckpointEpoch = opts.resumeFrom?.meta.epoch ?? 0;
  let settled = false;
  let resolveDone!: (r: { lastEpoch: number; stopped: boolean }) => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<{ lastEpoch: number; stopped: boolean }>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => {}); // callers may not listen; a failed run must not crash the process

  const emit = (e: WorkerEvent): void => {
    try {
      opts.onEvent(e);
    } catch (err) {
      logger().error({ err }, "training job: onEvent threw");
    }
  };
  const finish = (outcome: { lastEpoch: number; stopped: boolean } | Error): void => {
    if (settled) return;
    settled = true;
    if (outcome instanceof Error) rejectDone(outcome);
    else resolveDone(outcome);
    void worker.terminate(); // the thread has nothing left to do (wasm keeps its loop alive otherwise)
  };

  worker.on("message", (msg: WorkerEvent | WorkerResult) => {
    if (msg.type === "result") {
      if (msg.error !== undefined) finish(new Error(msg.error));
      else finish({ lastEpoch: msg.lastEpoch, stopped: msg.stopped });
      return;
    }
    if (msg.type === "checkpoint") lastCheckpointEpoch = msg.epoch;
    emit(msg);
  });
  worker.on("error", (err) => {
    if (settled) return;
    emit({ type: "error", message: err.message });
    finish(err);
  });
  worker.on("exit", (code) => {
    if (!settled) {
      const message = `training worker exited unexpectedly (code ${code})`;
      emit({ type: "error", message });
      finish(new Error(message));
    }
  });

  const send = (cmd: WorkerCommand): void => {
    if (!settled) worker.postMessage(cmd);
  };
  return {
    done,
    pause: () => send({ type: "pause" }),
    resume: () => send({ type: "resume" }),
    stop: () => send({ type: "stop" }),
    terminate: async () => {
      if (!settled) finish({ lastEpoch: lastCheckpointEpoch, stopped: true });
      await worker.terminate();
    },
  };
}
