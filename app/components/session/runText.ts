import type { RunView } from "../../../lib/contracts/session";
import type { Progress } from "../../../lib/contracts/training";
import { PRESETS } from "../../../lib/model/presets";
import { formatDuration, formatInt } from "../format";

export function presetLabel(preset: RunView["preset"]): string {
  return PRESETS[preset].label;
}

/** "latent 20 · β 1 · lr 0.001 · batch 128 · 60,000 images" */
export function configSummary(config: RunView["config"]): string {
  return [
    `latent ${config.latentDim}`,
    `β ${config.beta}`,
    config.klWarmupEpochs > 0 ? `KL warm-up ${config.klWarmupEpochs} ep` : null,
    `lr ${config.learningRate}`,
    `batch ${config.batchSize}`,
    `${formatInt(config.trainSize)} images`,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** Fraction of the run done, 0..1, from the latest progress (1 when the run is done). */
export function progressFraction(run: RunView, progress: Progress | null): number {
  if (run.status === "done") return 1;
  if (!progress) return 0;
  const total = progress.epochs * progress.stepsPerEpoch;
  const done = (progress.epoch - 1) * progress.stepsPerEpoch + progress.step;
  return total > 0 ? Math.min(Math.max(done / total, 0), 1) : 0;
}

/** "epoch 3 / 10 · 41 s left" (or what the run is doing instead). */
export function progressText(run: RunView, progress: Progress | null, epochsDone: number): string {
  const epochs = progress?.epochs ?? run.config.epochs;
  switch (run.status) {
    case "queued":
      return run.queuePosition !== undefined
        ? `waiting for a free trainer (position ${run.queuePosition} in the queue)`
        : "waiting to start";
    case "training":
      // All epochs are in, the run is not done yet: the worker is evaluating it (server/training/runEndEvaluation.ts).
      if (epochsDone >= epochs) return `${epochs} / ${epochs} epochs · evaluating the model (a few seconds)…`;
      return progress
        ? `epoch ${progress.epoch} / ${epochs} · ${formatDuration(progress.etaSeconds)} left`
        : `epoch 1 / ${epochs} · starting…`;
    case "paused":
      return `paused at epoch ${progress?.epoch ?? epochsDone} / ${epochs}`;
    case "done":
      return `finished ${epochs} / ${epochs} epochs`;
    case "stopped":
      return `stopped after ${epochsDone} / ${epochs} epochs`;
    case "failed":
      return `failed after ${epochsDone} / ${epochs} epochs`;
    case "interrupted":
      return `interrupted after ${epochsDone} / ${epochs} epochs (the server restarted)`;
    default:
      return run.status;
  }
}
