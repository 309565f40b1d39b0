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
  for (const widths of stacks(config)) for (let i = 1; i < widths.length; i++) total += (widths[i - 1]! + 1) * widths[i]!;
  return total;
}

/** Training images a run goes through: epochs × train size (the compute budget's unit). */
export function runImages(config: Pick<TrainConfig, "epochs" | "trainSize">): number {
  return config.epochs * config.trainSize;
}

/**
 * Bytes per parameter a run holds at its peak, measured with `npm run bench:memory` (docs/security.md): the weights,
 * gradients and Adam's moments in the training thread and its gradient thread (wasm memory and shared buffers), and
 * a checkpoint in flight — its weights and moments copied out of the worker, into the checkpoint writer thread and
 * base64-encoded there for the database driver, and kept in the checkpoint cache.
 */
export const BYTES_PER_PARAMETER = 96;
/** Bytes per activation (batch × layer width): forward values, their gradients and the fused kernels' scratch, per thread. */
export const BYTES_PER_ACTIVATION = 48;
/** A run's fixed cost: two threads' TensorFlow.js + wasm runtimes, the dataset and test tensors (measured, rounded up). */
export const RUN_BASE_BYTES = 160 * 1024 * 1024;
/** Bytes per training image held by the training thread (uint8 pixels and label) and per test image (float32). */
const TRAIN_IMAGE_BYTES = PIXELS + 1;
const TEST_IMAGE_BYTES = PIXELS * 4 + 4;

/**
 * Estimated peak memory of one training run on the server (bytes). An estimate on the generous side, used as a
 * budget: what matters is that it grows as the real cost does (with parameters, batch × layer widths, data).
 */
export function estimateRunMemoryBytes(config: ModelShape & Pick<TrainConfig, "batchSize" | "trainSize" | "testSize">): number {
  const activations = config.batchSize * stacks(config).flat().reduce((a, b) => a + b, 0);
  return (
    RUN_BASE_BYTES +
    modelParameterCount(config) * BYTES_PER_PARAMETER +
    activations * BYTES_PER_ACTIVATION +
    config.trainSize * TRAIN_IMAGE_BYTES +
    config.testSize * TEST_IMAGE_BYTES
  );
}
