import { conditionWidth, PIXELS, type TrainConfig } from "../model/config";

/**
 * What one run costs the server, computed from its configuration alone (before it runs), so the server can refuse
 * a run that exceeds its budgets and the home form can show the same numbers before Train is pressed.
 */

type ModelShape = Pick<TrainConfig, "condition" | "encoderHidden" | "decoderHidden" | "latentDim">;

/** Layer widths, input first: encoder [x, c] → hidden → [μ | log σ²]; decoder [z, c] → hidden → pixels. */
function stacks(config: ModelShape): number[][] {
  const c = conditionWidth(config.condition);
  return [
    [PIXELS + c, ...config.encoderHidden, 2 * config.latentDim],
    [config.latentDim + c, ...config.decoderHidden, PIXELS],
  ];
}

/** Trainable parameters of encoder + decoder: every dense layer's kernel (in × out) and bias (out). */
export function modelParameterCount(config: ModelShape): number {
  let total = 0;
  for (const widths of stacks(config))
    for (let i = 1; i < widths.length; i++) total += (widths[i - 1]! + 1) * widths[i]!;
  return total;
}

/** Training images a run goes through: epochs × train size (the compute budget's unit). */
export function runImages(config: Pick<TrainConfig, "epochs" | "trainSize">): number {
  return config.epochs * config.trainSize;
}

/*
 * The coefficients below were fitted to the peak resident memory of the app server while one run trained, over
 * the idle server (npm run bench:memory's probe, December 2026, 2 cores, wasm + native kernels, two gradient
 * threads), then rounded up so every measured case stays under its estimate:
 *   vae-seed defaults, 5,000 / 60,000 images    280 / 378 MB measured    301 / 408 MB estimated
 *   cvae-inpaint 1024, 1024 (7.0 M), batch 128    758 MB                  868 MB
 *   vae 2048 (3.3 M), batch 1024                  527 MB                  699 MB
 *   vae 512 × 2, latent 64, batch 1024            489 MB                  508 MB
 *   vae 1016 × 4, latent 64 (8.0 M), batch 1024   919 MB                 1089 MB
 * Parameters: weights, gradients and Adam's moments in the training thread, its gradient thread and their shared
 * buffers, plus a checkpoint in flight (weights and moments copied out of the worker and into the writer thread).
 */
/** Bytes per trainable parameter. */
export const BYTES_PER_PARAMETER = 80;
/** Bytes per activation (batch × layer width, summed over layers): values, gradients, kernels' scratch, per thread. */
export const BYTES_PER_ACTIVATION = 24;
/** A run's fixed cost: two threads' TensorFlow.js and wasm runtimes, the training set file read once, fixtures. */
export const RUN_BASE_BYTES = 240 * 1024 * 1024;
/** Per training image (uint8 pixels, label, the epoch's permutation) and per test image (float32, twice). */
const TRAIN_IMAGE_BYTES = 1024;
const TEST_IMAGE_BYTES = PIXELS * 4 * 2 + 8;

/**
 * Estimated peak memory of one training run on the server (bytes). An estimate on the generous side, used as a
 * budget: what matters is that it grows as the real cost does (with parameters, batch × layer widths, data).
 */
export function estimateRunMemoryBytes(
  config: ModelShape & Pick<TrainConfig, "batchSize" | "trainSize" | "testSize">,
): number {
  const activations =
    config.batchSize *
    stacks(config)
      .flat()
      .reduce((a, b) => a + b, 0);
  return (
    RUN_BASE_BYTES +
    modelParameterCount(config) * BYTES_PER_PARAMETER +
    activations * BYTES_PER_ACTIVATION +
    config.trainSize * TRAIN_IMAGE_BYTES +
    config.testSize * TEST_IMAGE_BYTES
  );
}
