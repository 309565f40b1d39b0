import type { PresetThroughput } from "../contracts/throughput";
import { conditionWidth, PIXELS, resolveConfig, type PresetId, type TrainConfig } from "../model/config";

/**
 * How long a run will take, from how fast this server trained recent runs (GET /api/throughput). Shared
 * by the server (which measures) and the home page (which estimates before Train is pressed).
 *
 * Model: wall time = start-up + epochs x (per-epoch overhead + trainSize x cost per image / speed).
 * Speed is kept in multiply-accumulates per second of the dense layers, so one measurement also serves
 * other hidden sizes or latent sizes of the same preset (a dense layer's cost is in x out per image).
 * Batch size and the machine's other load are not modelled: it is an estimate, and the UI says so.
 */

/** Multiply-accumulates of one image's forward pass through encoder and decoder (dense layers only). */
export function denseMacsPerImage(
  config: Pick<TrainConfig, "condition" | "encoderHidden" | "decoderHidden" | "latentDim">,
): number {
  const c = conditionWidth(config.condition);
  const encoder = [PIXELS + c, ...config.encoderHidden, 2 * config.latentDim];
  const decoder = [config.latentDim + c, ...config.decoderHidden, PIXELS];
  const macs = (widths: number[]) => widths.slice(1).reduce((sum, out, i) => sum + widths[i]! * out, 0);
  return macs(encoder) + macs(decoder);
}

/**
 * Used until a preset has a finished run on this server: TensorFlow.js's wasm backend without the native
 * kernels (the slowest standard path), docs/performance.md's first table: 8,361 / 5,944 / 2,539 / 7,889 img/s.
 * A machine with the native kernels trains about 3x faster, so the fallback errs on the long side.
 */
export const FALLBACK_IMG_PER_SEC: Record<PresetId, number> = {
  "vae-seed": 8361,
  "cvae-label": 5944,
  "cvae-inpaint": 2539,
  "vae-pytorch": 7889,
};
export const FALLBACK_EPOCH_OVERHEAD_SECONDS = 1;
export const FALLBACK_STARTUP_SECONDS = 3;

export function fallbackThroughput(preset: PresetId): PresetThroughput {
  const imgPerSec = FALLBACK_IMG_PER_SEC[preset];
  return {
    source: "fallback",
    runs: 0,
    macsPerSecond: imgPerSec * denseMacsPerImage(resolveConfig(preset)),
    imgPerSecAtDefaults: imgPerSec,
    epochOverheadSeconds: FALLBACK_EPOCH_OVERHEAD_SECONDS,
    startupSeconds: FALLBACK_STARTUP_SECONDS,
  };
}

/** Seconds from start to finish for a run of `config` at the measured speed. */
export function estimateTrainingSeconds(
  speed: Pick<PresetThroughput, "macsPerSecond" | "epochOverheadSeconds" | "startupSeconds">,
  config: Pick<TrainConfig, "condition" | "encoderHidden" | "decoderHidden" | "latentDim" | "epochs" | "trainSize">,
): number {
  const trainSecondsPerEpoch = (config.trainSize * denseMacsPerImage(config)) / speed.macsPerSecond;
  return speed.startupSeconds + config.epochs * (speed.epochOverheadSeconds + trainSecondsPerEpoch);
}

/** Median of finite values (NaN for none). */
export function median(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}
