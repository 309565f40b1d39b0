import { z } from "zod";
import { PRESETS } from "./presets";

/**
 * Training hyperparameters: the one source of truth for what a run is (the presets' values: presets.ts).
 * Used by the CLI, the HTTP API, the socket contract, the training worker and the UI form.
 */

export const PRESET_IDS = ["vae-seed", "cvae-label", "cvae-inpaint", "vae-pytorch"] as const;
export const PresetIdSchema = z.enum(PRESET_IDS);
export type PresetId = z.infer<typeof PresetIdSchema>;

/** What the encoder and decoder are conditioned on. */
export const ConditionKindSchema = z.enum(["none", "label", "inpaint"]);
export type ConditionKind = z.infer<typeof ConditionKindSchema>;

/**
 * The prior p(z | condition) the KL term is taken against and generation samples from.
 * - "standard": N(0, I) for every condition (the seed's, and the only choice for unconditioned or inpainting runs).
 * - "label-gaussian": one trainable Gaussian per digit, N(mean_y, diag(exp(logVar_y))), for label-conditioned runs:
 *   the encoder can then place each digit's codes in its own region, and sampling from p(z | y) lands there, so a
 *   generated "7" is a 7 even while the decoder still reads the digit's identity from z (docs/seed-notes.md).
 */
export const PRIOR_KINDS = ["standard", "label-gaussian"] as const;
export const PriorKindSchema = z.enum(PRIOR_KINDS);
export type PriorKind = z.infer<typeof PriorKindSchema>;

export const DATASET_IDS = ["mnist", "fashion-mnist"] as const;
export const DatasetIdSchema = z.enum(DATASET_IDS);
export type DatasetId = z.infer<typeof DatasetIdSchema>;

const hiddenLayers = z
  .array(z.number().int().min(8, "a hidden layer needs at least 8 units").max(2048, "at most 2048 units per layer"))
  .min(1, "at least one hidden layer")
  .max(4, "at most 4 hidden layers");

/** Every knob of a run, fully resolved (no optional fields): what the worker receives. */
export const TrainConfigSchema = z
  .object({
    preset: PresetIdSchema,
    condition: ConditionKindSchema,
    dataset: DatasetIdSchema,
    encoderHidden: hiddenLayers,
    decoderHidden: hiddenLayers,
    latentDim: z.number().int().min(2, "latent size must be at least 2").max(64, "latent size must be at most 64"),
    /** Weight of the KL term (β-VAE); 1 is the true ELBO. */
    beta: z.number().min(0, "beta must be ≥ 0").max(10, "beta must be ≤ 10"),
    /**
     * The KL weight's schedule (klWeightAt in server/training/trainer.ts): it starts at klStart, stays there for
     * klHoldEpochs, then moves linearly to beta, reaching it after klWarmupEpochs (0 = beta from the first step).
     * klStart 0 and no hold is the classic warm-up from 0; a klStart above beta is a cool-down.
     */
    klWarmupEpochs: z.number().min(0).max(100),
    /** KL weight at the first step when klWarmupEpochs > 0 (stored configurations without it: 0, the warm-up). */
    klStart: z
      .number()
      .min(0, "the starting KL weight must be ≥ 0")
      .max(10, "the starting KL weight must be ≤ 10")
      .default(0),
    /**
     * Epochs the KL weight stays at klStart before moving towards beta. A hold longer than klWarmupEpochs ends there
     * (a user who shortens the schedule in the form need not know about the hold).
     */
    klHoldEpochs: z.number().min(0).max(100).default(0),
    learningRate: z.number().gt(0, "learning rate must be > 0").max(0.1, "learning rate must be ≤ 0.1"),
    batchSize: z.number().int().min(1).max(1024),
    epochs: z.number().int().min(1).max(500),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    /** Number of training images used (first N of the official 60k split). */
    trainSize: z.number().int().min(10).max(60000),
    /** Number of test images used for the epoch's test negative ELBO (first N of the 10k split). */
    testSize: z.number().int().min(10).max(10000),
    /** Configurations stored before the learned prior existed were trained with N(0, I): absent = "standard". */
    prior: PriorKindSchema.default("standard"),
  })
  .strict();
export type TrainConfig = z.infer<typeof TrainConfigSchema>;

/** The cross-field rule of a configuration: a label prior needs labels to be conditioned on. */
function crossFieldRules(c: { prior: PriorKind; condition: ConditionKind }, ctx: z.RefinementCtx): void {
  if (c.prior === "label-gaussian" && c.condition !== "label") {
    ctx.addIssue({
      code: "custom",
      path: ["prior"],
      message: `prior "label-gaussian" needs a label-conditioned preset (this one is conditioned on "${c.condition}")`,
    });
  }
}

/** TrainConfigSchema plus the cross-field rules (a separate schema: zod cannot omit fields of a refined object). */
export const ValidTrainConfigSchema = TrainConfigSchema.superRefine(crossFieldRules);

/**
 * What a user may override on top of a preset. The fields with a default for stored configurations (prior, klStart,
 * klHoldEpochs) have none here, so an override that leaves them out keeps the preset's values.
 */
export const TrainOverridesSchema = TrainConfigSchema.omit({
  preset: true,
  condition: true,
  prior: true,
  klStart: true,
  klHoldEpochs: true,
})
  .partial()
  .extend({
    prior: PriorKindSchema.optional(),
    klStart: TrainConfigSchema.shape.klStart.unwrap().optional(),
    klHoldEpochs: TrainConfigSchema.shape.klHoldEpochs.unwrap().optional(),
  })
  .strict();
export type TrainOverrides = z.infer<typeof TrainOverridesSchema>;

/** Preset defaults merged with validated overrides. Throws a ZodError naming the bad field. */
export function resolveConfig(preset: PresetId, overrides: unknown = {}): TrainConfig {
  const o = TrainOverridesSchema.parse(overrides ?? {});
  const { label: _l, description: _d, ...defaults } = PRESETS[PresetIdSchema.parse(preset)];
  return ValidTrainConfigSchema.parse({ ...defaults, ...o, preset });
}

/** Width of the condition vector concatenated to encoder and decoder inputs. */
export function conditionWidth(kind: ConditionKind): number {
  switch (kind) {
    case "none":
      return 0;
    case "label":
      return 10;
    case "inpaint":
      return 784 * 2; // observed pixels (hole zeroed) + the mask (1 = observed)
    default: {
      const never: never = kind;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;
