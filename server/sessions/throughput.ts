import type { EpochMetrics } from "../../lib/contracts/training";
import type { PresetThroughput, ThroughputResponse } from "../../lib/contracts/throughput";
import { denseMacsPerImage, fallbackThroughput, median } from "../../lib/estimate/trainingTime";
import { PRESET_IDS, resolveConfig, type PresetId, type TrainConfig } from "../../lib/model/config";
import type { Repositories } from "../repositories/types";

/** Finished runs per preset the estimate is made from (the most recent ones: the machine may have changed). */
export const RUNS_PER_PRESET = 10;
/** Runs on fewer images are dominated by per-step overhead and would make full runs look slow. */
export const MIN_TRAIN_SIZE = 5000;
/** Start-up beyond this was a pause or a restart, not start-up. */
const MAX_STARTUP_SECONDS = 120;
/** Answers are reused this long: the numbers change only when a run finishes. */
const CACHE_MS = 30_000;

export interface FinishedRun {
  config: TrainConfig;
  startedAt: Date | null;
  finishedAt: Date | null;
  epochs: EpochMetrics[];
}

/**
 * One preset's speed from its finished runs (most recent first, at most RUNS_PER_PRESET used): medians of
 * each run's median, so one disturbed epoch or run does not move the estimate. Null when no run qualifies.
 */
export function summariseRuns(runs: readonly FinishedRun[]): PresetThroughput | null {
  const usable = runs
    .filter((r) => r.config.trainSize >= MIN_TRAIN_SIZE && r.epochs.some((e) => e.imgPerSec > 0))
    .slice(0, RUNS_PER_PRESET);
  if (usable.length === 0) return null;
  const perRun = usable.map((r) => {
    const epochs = r.epochs.filter((e) => e.imgPerSec > 0);
    const trainSeconds = (e: EpochMetrics) => r.config.trainSize / e.imgPerSec;
    const wall = r.startedAt && r.finishedAt ? (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000 : NaN;
    const startup = wall - r.epochs.reduce((s, e) => s + e.seconds, 0);
    return {
      macsPerSecond: median(epochs.map((e) => e.imgPerSec)) * denseMacsPerImage(r.config),
      overhead: median(epochs.map((e) => Math.max(0, e.seconds - trainSeconds(e)))),
      startup: startup >= 0 && startup <= MAX_STARTUP_SECONDS ? startup : NaN,
    };
  });
  const preset = usable[0]!.config.preset;
  const fallback = fallbackThroughput(preset);
  const macsPerSecond = median(perRun.map((r) => r.macsPerSecond));
  const startup = median(perRun.map((r) => r.startup));
  return {
    source: "measured",
    runs: usable.length,
    macsPerSecond,
    imgPerSecAtDefaults: macsPerSecond / denseMacsPerImage(resolveConfig(preset)),
    epochOverheadSeconds: median(perRun.map((r) => r.overhead)),
    startupSeconds: Number.isFinite(startup) ? startup : fallback.startupSeconds,
  };
}

/** Every preset's speed: measured from this server's finished runs, or the documented fallback. */
export async function measureThroughput(repos: Pick<Repositories, "runs" | "metrics">): Promise<ThroughputResponse> {
  const done = (await repos.runs.listByStatus(["done"])).reverse(); // newest first
  const presets = {} as Record<PresetId, PresetThroughput>;
  for (const preset of PRESET_IDS) {
    const recent = done
      .filter((r) => r.preset === preset && r.config.trainSize >= MIN_TRAIN_SIZE)
      .slice(0, RUNS_PER_PRESET);
    const runs = await Promise.all(
      recent.map(async (r) => ({
        config: r.config,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        epochs: await repos.metrics.listEpochs(r.id),
      })),
    );
    presets[preset] = summariseRuns(runs) ?? fallbackThroughput(preset);
  }
  return { presets };
}

/**
 * How fast this server trains each preset, for the home page's time estimate (GET /api/throughput;
 * lib/estimate/trainingTime.ts turns it into seconds for a given configuration). Answers are reused for
 * CACHE_MS: the numbers change only when a run finishes.
 */
export class ThroughputService {
  private entry: { at: number; value: Promise<ThroughputResponse> } | null = null;

  constructor(private readonly repos: Pick<Repositories, "runs" | "metrics">) {}

  current(): Promise<ThroughputResponse> {
    if (!this.entry || Date.now() - this.entry.at > CACHE_MS) {
      const entry = { at: Date.now(), value: measureThroughput(this.repos) };
      this.entry = entry;
      entry.value.catch(() => {
        if (this.entry === entry) this.entry = null; // a failed measurement is not remembered
      });
    }
    return this.entry.value;
  }
}
