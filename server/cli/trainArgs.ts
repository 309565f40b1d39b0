import { ZodError } from "zod";
import { PRESET_IDS, PresetIdSchema, resolveConfig, type TrainConfig } from "../../lib/model/config";
import { parseFlags, readNumber, UsageError } from "./flags";
import { issueInWords } from "./issueInWords";

export { UsageError };

/**
 * Command-line flags of `npm run train` → a validated TrainConfig (through resolveConfig, so the CLI accepts
 * exactly what the API accepts). Errors name the flag, never the internal field.
 */

export const TRAIN_USAGE = `usage: npm run train -- --preset <${PRESET_IDS.join("|")}> [options]
  --epochs N         epochs to train              --out DIR          output folder (default runs/<preset>-<time>)
  --dataset NAME     mnist | fashion-mnist        --latent N         latent size (2..64)
  --beta X           KL weight (1 = true ELBO)    --kl-warmup N      epoch by which the KL weight reaches beta (0 = always beta)
  --kl-start X       KL weight at the start       --kl-hold N        epochs at --kl-start before moving to beta
  --lr X             Adam learning rate           --batch N          batch size
  --train-size N     first N training images      --test-size N      first N test images (epoch test -ELBO)
  --seed N           random seed                  --hidden A,B       hidden layer sizes (encoder and decoder)
  --prior KIND       standard | label-gaussian (p(z | digit), learned; cvae-label's default)
  --float16          export weights as float16    --help`;

/** Flag → TrainConfig field; numbers are parsed here, ranges checked by zod. */
const NUMERIC_FLAGS = {
  epochs: "epochs",
  latent: "latentDim",
  beta: "beta",
  "kl-warmup": "klWarmupEpochs",
  "kl-start": "klStart",
  "kl-hold": "klHoldEpochs",
  lr: "learningRate",
  batch: "batchSize",
  "train-size": "trainSize",
  "test-size": "testSize",
  seed: "seed",
} as const satisfies Record<string, keyof TrainConfig>;

const FIELD_TO_FLAG: Record<string, string> = {
  ...Object.fromEntries(Object.entries(NUMERIC_FLAGS).map(([flag, field]) => [field, flag])),
  dataset: "dataset",
  prior: "prior",
  encoderHidden: "hidden",
  decoderHidden: "hidden",
  preset: "preset",
};

export interface TrainArgs {
  config: TrainConfig;
  out: string | undefined;
  float16: boolean;
}

/** @throws UsageError with a message naming the flag (the caller exits with code 2) */
export function parseTrainArgs(argv: string[]): TrainArgs | "help" {
  const parsed = parseFlags({
    args: argv,
    allowPositionals: false,
    options: {
      preset: { type: "string" },
      out: { type: "string" },
      dataset: { type: "string" },
      prior: { type: "string" },
      hidden: { type: "string" },
      float16: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      ...Object.fromEntries(Object.keys(NUMERIC_FLAGS).map((f) => [f, { type: "string" as const }])),
    },
  });
  const v: Record<string, string | boolean | undefined> = parsed.values;
  if (v.help) return "help";
  if (typeof v.preset !== "string") throw new UsageError(`--preset is required (one of ${PRESET_IDS.join(", ")})`);
  const preset = PresetIdSchema.safeParse(v.preset);
  if (!preset.success) throw new UsageError(`--preset must be one of ${PRESET_IDS.join(", ")} (got "${v.preset}")`);

  const overrides: Record<string, unknown> = {};
  for (const [flag, field] of Object.entries(NUMERIC_FLAGS)) {
    const text = v[flag];
    if (typeof text === "string") overrides[field] = readNumber(flag, text);
  }
  if (typeof v.dataset === "string") overrides.dataset = v.dataset;
  if (typeof v.prior === "string") overrides.prior = v.prior;
  if (typeof v.hidden === "string") {
    const sizes = v.hidden.split(",").map((s) => readNumber("hidden", s));
    overrides.encoderHidden = sizes;
    overrides.decoderHidden = sizes;
  }
  try {
    const config = resolveConfig(preset.data, overrides);
    return { config, out: typeof v.out === "string" ? v.out : undefined, float16: v.float16 === true };
  } catch (e) {
    if (e instanceof ZodError && e.issues[0]) {
      const issue = e.issues[0];
      const field = String(issue.path[0] ?? "");
      const flag = FIELD_TO_FLAG[field] ?? field;
      throw new UsageError(issueInWords(flag, issue, v[flag]));
    }
    throw e;
  }
}
