import { z } from "zod";
import { ConditionKindSchema, DatasetIdSchema, PresetIdSchema, PriorKindSchema } from "../model/config";

/**
 * One run's line in a session's comparison table (issue 11: "the comparison, as numbers"): the end-of-run measures
 * of server/eval/comparison.ts, flat so it travels as JSON and downloads as CSV (lib/eval/comparisonCsv.ts).
 * Losses in nats per image; accuracies as fractions 0..1; null where a measure does not apply to the run.
 */
const nats = z.number();
const maybe = <T extends z.ZodType>(t: T) => t.nullable();

export const ComparisonRowSchema = z
  .object({
    /** Who the row is about: a run id, or a name like "cvae-label (seed 0)". */
    run: z.string().min(1),
    preset: PresetIdSchema,
    dataset: DatasetIdSchema,
    condition: ConditionKindSchema,
    prior: PriorKindSchema,
    latentDim: z.number().int(),
    epoch: maybe(z.number().int()),
    testNegElbo: nats,
    testRecon: nats,
    testKl: nats,
    /**
     * IWAE −log p(x) (−log p(x | condition) for conditional runs) with iwaeK samples on the first iwaeN test images;
     * iwaeStdErr over the images.
     */
    iwaeNegLogLik: maybe(nats),
    iwaeStdErr: maybe(nats),
    iwaeK: maybe(z.number().int().min(1)),
    iwaeN: maybe(z.number().int().min(1)),
    /** Label-conditioned runs: share of prior samples the judge reads as the requested class, and the judge's own test accuracy. */
    labelAccuracy: maybe(z.number().min(0).max(1)),
    judgeTestAccuracy: maybe(z.number().min(0).max(1)),
    /** Inpainting runs, the seed's centred 10×10 hole: BCE (nats) and squared error summed over the hole, mean per image. */
    inpaintBce: maybe(nats),
    inpaintSe: maybe(nats),
    meanFillBce: maybe(nats),
    meanFillSe: maybe(nats),
    nearestNeighbourBce: maybe(nats),
    nearestNeighbourSe: maybe(nats),
  })
  .strict();
export type ComparisonRow = z.infer<typeof ComparisonRowSchema>;

/** Column order of the table and the CSV. */
export const COMPARISON_COLUMNS = Object.keys(ComparisonRowSchema.shape) as (keyof ComparisonRow)[];

/**
 * What the server measures when a run finishes (server/training/runEndEvaluation.ts, in the training worker after
 * the last epoch): small enough to take seconds on two cores, so the run is "done" soon after its last epoch.
 * `npm run evaluate` is the full measurement (k = 1,000 on all 10,000 test images).
 */
export const RUN_END_EVALUATION = {
  /** IWAE importance samples per image. */
  k: 100,
  /** IWAE on the first this many test images. */
  iwaeImages: 1000,
  /** Label accuracy: prior samples per digit read by the judge. */
  perDigit: 100,
  /** Inpainting hole error on the first this many test images. */
  inpaintImages: 500,
} as const;

/** A finished run's evaluation as it is stored, streamed ("run:evaluation") and shown. */
export const RunEvaluationViewSchema = z
  .object({
    runId: z.string().min(1).max(64),
    epoch: z.number().int().min(0),
    row: ComparisonRowSchema,
    /** Wall time of the evaluation (s). */
    seconds: z.number().min(0),
    /** Why a measure is missing or what it means, in words ("label accuracy skipped: no judge classifier …"). */
    notes: z.array(z.string().max(500)).max(20),
    createdAt: z.string(),
  })
  .strict();
export type RunEvaluationView = z.infer<typeof RunEvaluationViewSchema>;

/** GET /api/sessions/:id/comparison.json */
export const ComparisonResponseSchema = z.object({
  sessionId: z.string(),
  evaluations: z.array(RunEvaluationViewSchema),
});
export type ComparisonResponse = z.infer<typeof ComparisonResponseSchema>;
