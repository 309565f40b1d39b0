import type { CheckpointArtifacts, Progress, WorkerEvent } from "../../../../lib/contracts/training";
import { resolveConfig, type TrainConfig } from "../../../../lib/model/config";
import type { StartJob, TrainingJob } from "../../../../server/scheduler/types";
import type { StartTrainingJobOptions } from "../../../../server/training/trainingWorker";

/** A training job driven by the test: it records commands and emits what the test tells it to. */
export class FakeJob implements TrainingJob {
  readonly commands: string[] = [];
  readonly done: Promise<{ lastEpoch: number; stopped: boolean }>;
  private resolve!: (r: { lastEpoch: number; stopped: boolean }) => void;
  private reject!: (e: Error) => void;

  constructor(
    readonly config: TrainConfig,
    readonly opts: StartTrainingJobOptions,
  ) {
    this.done = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    this.done.catch(() => undefined);
  }
  emit(e: WorkerEvent): void {
    this.opts.onEvent(e);
  }
  finish(lastEpoch: number, stopped = false): void {
    this.resolve({ lastEpoch, stopped });
  }
  fail(message: string): void {
    this.emit({ type: "error", message });
    this.reject(new Error(message));
  }
  pause(): void {
    this.commands.push("pause");
  }
  resume(): void {
    this.commands.push("resume");
  }
  stop(): void {
    this.commands.push("stop");
  }
  async terminate(): Promise<void> {
    this.commands.push("terminate");
    this.resolve({ lastEpoch: 0, stopped: true });
  }
}

export function fakeStartJob(): { start: StartJob; jobs: FakeJob[] } {
  const jobs: FakeJob[] = [];
  const start: StartJob = (config, opts) => {
    const job = new FakeJob(config, opts);
    jobs.push(job);
    return job;
  };
  return { start, jobs };
}

export const tinyConfig = (epochs = 3): TrainConfig =>
  resolveConfig("vae-seed", {
    trainSize: 200,
    testSize: 100,
    batchSize: 50,
    epochs,
    encoderHidden: [16],
    decoderHidden: [16],
  });

export function fakeArtifacts(epoch: number, config: TrainConfig = tinyConfig()): CheckpointArtifacts {
  const model = (n: number) => ({
    modelJson: {
      format: "layers-model",
      modelTopology: {},
      weightsManifest: [{ paths: ["weights.bin"], weights: [] }],
    },
    weightData: new Float32Array(n).fill(epoch).buffer,
  });
  return {
    meta: {
      preset: config.preset,
      config,
      epoch,
      dataset: config.dataset,
      condition: { kind: "none", width: 0, layout: "" },
      latentDim: config.latentDim,
      float16: false,
      createdAt: new Date().toISOString(),
    },
    encoder: model(8),
    decoder: model(4),
  };
}

export function progress(epoch: number, step: number, stepsPerEpoch = 4, epochs = 3): Progress {
  return {
    epoch,
    epochs,
    step,
    stepsPerEpoch,
    globalStep: (epoch - 1) * stepsPerEpoch + step,
    loss: 500 - step,
    recon: 490 - step,
    kl: 10,
    klWeight: 1,
    imgPerSec: 1000,
    etaSeconds: 1,
  };
}

/** Waits until `cond()` holds (polling), or fails after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 2000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
