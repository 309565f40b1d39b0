import { z } from "zod";
import { TrainConfigSchema } from "../model/config";
import type { ComparisonRow } from "./comparison";
import type { LatentProjection } from "./latent";
import { PriorSpecSchema } from "./prior";

/**
 * Messages between the training worker and whoever runs it (CLI, app server).
 * Everything here is structured-clone friendly: grids and weights travel as typed arrays / ArrayBuffers.
 */

export const RUN_STATUSES = ["queued", "training", "paused", "done", "stopped", "failed", "interrupted"] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** Throttled per-step progress. Losses are per image, in nats. */
export const ProgressSchema = z.object({
  epoch: z.number().int().min(1),
  epochs: z.number().int().min(1),
  step: z.number().int().min(0),
  stepsPerEpoch: z.number().int().min(1),
  /** Global step counter since the start of the run (x axis of the step loss chart). */
  globalStep: z.number().int().min(0),
  loss: z.number(),
  recon: z.number(),
  kl: z.number(),
  /** KL weight in force at this step (β times warm-up factor). */
  klWeight: z.number(),
  imgPerSec: z.number(),
  etaSeconds: z.number(),
});
export type Progress = z.infer<typeof ProgressSchema>;

/** Metrics at the end of an epoch, on the test set (negative ELBO per image, nats, β = 1). */
export const EpochMetricsSchema = z.object({
  epoch: z.number().int().min(1),
  trainLoss: z.number(),
  testNegElbo: z.number(),
  testRecon: z.number(),
  testKl: z.number(),
  seconds: z.number(),
  imgPerSec: z.number(),
});
export type EpochMetrics = z.infer<typeof EpochMetricsSchema>;

export const GRID_KINDS = [
  "reconstruction", // rows: originals / reconstructions of fixed test images
  "prior", // samples from the prior
  "label-rows", // cvae-label: one row per digit 0..9
  "inpaint-train", // flawed / filled / original, training images
  "inpaint-test", // flawed / filled / original, test images
] as const;
export const GridKindSchema = z.enum(GRID_KINDS);
export type GridKind = z.infer<typeof GridKindSchema>;

/**
 * A grid of 28x28 grayscale digits: `pixels` is rows*cols*784 bytes, row-major by tile
 * (tile (r, c) starts at ((r * cols) + c) * 784), 0 = black, 255 = white.
 */
export const SampleGridSchema = z.object({
  kind: GridKindSchema,
  rows: z.number().int().min(1).max(64),
  cols: z.number().int().min(1).max(64),
  rowLabels: z.array(z.string()).optional(),
  pixels: z.instanceof(Uint8Array),
});
export type SampleGrid = z.infer<typeof SampleGridSchema>;

/** One model of the export (tfjs LayersModel artifacts): model.json content + concatenated weights. */
export const ExportedModelSchema = z.object({
  /** The model.json object (format layers-model, modelTopology, weightsManifest pointing at weightFile). */
  modelJson: z.record(z.string(), z.unknown()),
  weightData: z.instanceof(ArrayBuffer),
});
export type ExportedModel = z.infer<typeof ExportedModelSchema>;

/** What exportModel writes to meta.json, and what checkpoints carry. */
export const CheckpointMetaSchema = z.object({
  preset: z.string(),
  config: TrainConfigSchema,
  epoch: z.number().int().min(0),
  metrics: z.record(z.string(), z.number()).optional(),
  dataset: z.string(),
  /** How the condition vector is laid out for the decoder/encoder inputs. */
  condition: z.object({
    kind: z.enum(["none", "label", "inpaint"]),
    width: z.number().int(),
    layout: z.string(),
  }),
  latentDim: z.number().int(),
  /**
   * p(z | condition) to sample from (lib/contracts/prior.ts, docs/api.md); for "label-gaussian" also what a resume
   * continues from (full float32 precision, whatever the weights' dtype). Absent in checkpoints written before it
   * existed: those were trained with the standard prior.
   */
  prior: PriorSpecSchema.optional(),
  float16: z.boolean(),
  createdAt: z.string(),
});
export type CheckpointMeta = z.infer<typeof CheckpointMetaSchema>;

/**
 * Adam's state at a checkpoint, so a resumed run continues exactly where it stopped: the number of updates
 * taken and the (scaled) first and second moments of every trainable weight, float32, m then v, in the order of
 * the models' trainable variables (2 × parameter count floats).
 */
export const OptimizerStateSchema = z.object({ step: z.number().int().min(0), moments: z.instanceof(ArrayBuffer) });
export type OptimizerState = z.infer<typeof OptimizerStateSchema>;

/** A checkpoint as the worker posts it, a resume starts from, and the repositories store. */
export const CheckpointArtifactsSchema = z.object({
  meta: CheckpointMetaSchema,
  encoder: ExportedModelSchema,
  decoder: ExportedModelSchema,
  /** Absent in checkpoints written before it existed: a resume then starts Adam afresh. */
  optimizer: OptimizerStateSchema.optional(),
});
export type CheckpointArtifacts = z.infer<typeof CheckpointArtifactsSchema>;

/** Worker -> parent. */
export type WorkerEvent =
  | { type: "ready"; backend: string }
  | { type: "status"; status: RunStatus }
  | ({ type: "progress" } & Progress)
  | ({ type: "epoch" } & EpochMetrics)
  | { type: "samples"; epoch: number; grids: SampleGrid[] }
  | { type: "checkpoint"; epoch: number; artifacts: CheckpointArtifacts }
  /**
   * The latent scatter of the epoch (server/training/loop/latentScatter.ts): the encoder means of a fixed set of test
   * images (the first 2,000) in 2-D — the latent itself at latent 2, else PCA aligned with the previous epoch.
   * points: x, y interleaved (2 · n floats); labels: each image's digit (n bytes). Both buffers are transferred.
   * projection: how the plane maps back to latent space (lib/contracts/latent.ts).
   */
  | { type: "latent"; epoch: number; points: Float32Array; labels: Uint8Array; projection: LatentProjection }
  /**
   * The finished run's evaluation (server/training/runEndEvaluation.ts), after the last epoch and before "done":
   * one line of the session's comparison table, how long it took, and why a measure is missing (notes).
   */
  | { type: "evaluation"; epoch: number; row: ComparisonRow; seconds: number; notes: string[] }
  | { type: "done"; epoch: number }
  | { type: "error"; message: string };

/** Parent -> worker. */
export const WorkerCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("pause") }),
  z.object({ type: z.literal("resume") }),
  z.object({ type: z.literal("stop") }),
]);
export type WorkerCommand = z.infer<typeof WorkerCommandSchema>;
