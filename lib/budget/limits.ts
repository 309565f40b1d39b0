import type { RunLimits } from "../contracts/limits";
import type { TrainConfig } from "../model/config";
import { estimateRunMemoryBytes, modelParameterCount, runImages } from "./runCost";

/**
 * What one visitor may spend on this server: limits per run (model size, memory, compute) and per client (runs
 * waiting or training at once). The operator sets them with environment variables (server/config/env.ts); the
 * server enforces them in the session use cases; GET /api/limits tells the home form, which shows them before
 * Train is pressed. Messages name the limit and its variable, so a refused visitor knows what to change and an
 * operator knows what to raise.
 */

/**
 * Defaults: generous for a real user on a laptop, small enough that one visitor cannot take the server.
 * - 8 M parameters: every preset with hidden layers up to 1024, 1024 (cvae-inpaint with [1024, 1024] is 7.0 M);
 *   the presets themselves are 0.5–2.4 M. A checkpoint of 8 M parameters is 32 MB, which every viewer's Play view
 *   downloads (16 MB as float16). The attack of issue 10 (hidden 2048 × 4, latent 64) was 29.5 M.
 * - 1,536 MB estimated per run: the largest 8 M-parameter model with batch 1024 is estimated at 1,089 MB (919 MB
 *   measured), so the parameter limit binds first for models of the presets' shape; this one catches batch × width
 *   (runCost.ts). Several runs at once (MAX_CONCURRENT_RUNS) need that much each.
 * - 3,000,000 training images per run: 50 epochs of full MNIST (the usual yardstick is 10); 500 epochs on 6,000.
 * - 8 runs per client waiting or training: two four-run comparisons. A class behind one NAT address shares it
 *   (raise it for a classroom).
 */
export const DEFAULT_RUN_LIMITS: RunLimits = {
  maxModelParams: 8_000_000,
  maxRunMemoryMb: 1536,
  maxRunImages: 3_000_000,
  clientMaxActiveRuns: 8,
};

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const MB = 1024 * 1024;

export interface RunCost {
  params: number;
  memoryMb: number;
  images: number;
}

export function runCost(config: TrainConfig): RunCost {
  return {
    params: modelParameterCount(config),
    memoryMb: Math.ceil(estimateRunMemoryBytes(config) / MB),
    images: runImages(config),
  };
}

/** Why a run of `config` exceeds the per-run limits (one sentence per limit exceeded), [] when it fits. */
export function runLimitViolations(config: TrainConfig, limits: RunLimits): string[] {
  const cost = runCost(config);
  const out: string[] = [];
  if (cost.params > limits.maxModelParams) {
    out.push(
      `the model has ${count(cost.params)} parameters; this server allows at most ${count(limits.maxModelParams)} (MAX_MODEL_PARAMS): use fewer or narrower hidden layers or a smaller latent size`,
    );
  }
  if (cost.memoryMb > limits.maxRunMemoryMb) {
    out.push(
      `training it with batch ${config.batchSize} needs about ${count(cost.memoryMb)} MB of server memory; this server allows ${count(limits.maxRunMemoryMb)} MB per run (MAX_RUN_MEMORY_MB): use a smaller batch or model`,
    );
  }
  if (cost.images > limits.maxRunImages) {
    out.push(
      `${count(config.epochs)} epochs × ${count(config.trainSize)} images = ${count(cost.images)} training images; this server allows ${count(limits.maxRunImages)} per run (MAX_RUN_IMAGES, epochs × train size): use fewer epochs or a smaller train size`,
    );
  }
  return out;
}
