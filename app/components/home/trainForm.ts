import { CreateSessionBodySchema, type CreateSessionBody } from "../../../lib/contracts/session";
import { PRESETS, TrainOverridesSchema, type DatasetId, type PresetId, type TrainOverrides } from "../../../lib/model/config";

/**
 * The create-session form as pure data: which presets and fields it offers, how a typed string becomes
 * an override (validated by the shared zod schema, so the UI and the server say the same thing), and
 * how the whole form becomes a POST /api/sessions body.
 */

/** A card on the home page: one preset, or the seed comparison (two runs overlaid). */
export type Choice = PresetId | "seed-comparison";

export const CHOICES: { id: Choice; title: string; description: string; presets: PresetId[] }[] = [
  { id: "vae-seed", title: PRESETS["vae-seed"].label, description: PRESETS["vae-seed"].description, presets: ["vae-seed"] },
  { id: "cvae-label", title: PRESETS["cvae-label"].label, description: PRESETS["cvae-label"].description, presets: ["cvae-label"] },
  { id: "cvae-inpaint", title: PRESETS["cvae-inpaint"].label, description: PRESETS["cvae-inpaint"].description, presets: ["cvae-inpaint"] },
  { id: "vae-pytorch", title: PRESETS["vae-pytorch"].label, description: PRESETS["vae-pytorch"].description, presets: ["vae-pytorch"] },
  {
    id: "seed-comparison",
    title: "Seed comparison",
    description: "The seed's two models side by side: VAE (seed) and CVAE on labels, trained together and overlaid.",
    presets: ["vae-seed", "cvae-label"],
  },
];

export type FieldName =
  | "epochs"
  | "latentDim"
  | "beta"
  | "klWarmupEpochs"
  | "learningRate"
  | "batchSize"
  | "trainSize"
  | "testSize"
  | "encoderHidden"
  | "decoderHidden"
  | "seed";

export interface FieldSpec {
  name: FieldName;
  label: string;
  hint: string;
  kind: "int" | "float" | "layers";
  advanced?: boolean;
}

export const FIELDS: FieldSpec[] = [
  { name: "epochs", label: "Epochs", hint: "passes over the training images", kind: "int" },
  { name: "latentDim", label: "Latent size", hint: "dimensions of z", kind: "int" },
  { name: "beta", label: "β (KL weight)", hint: "1 is the true ELBO", kind: "float" },
  { name: "klWarmupEpochs", label: "KL warm-up", hint: "epoch by which the KL weight reaches β", kind: "float" },
  { name: "learningRate", label: "Learning rate", hint: "Adam step size, e.g. 1e-3", kind: "float" },
  { name: "batchSize", label: "Batch size", hint: "images per step", kind: "int" },
  { name: "trainSize", label: "Train size", hint: "first N of 60,000 images", kind: "int" },
  { name: "testSize", label: "Test size", hint: "first N of 10,000 for the test −ELBO", kind: "int", advanced: true },
  { name: "encoderHidden", label: "Encoder hidden layers", hint: "units per layer, e.g. 256, 256", kind: "layers", advanced: true },
  { name: "decoderHidden", label: "Decoder hidden layers", hint: "units per layer, e.g. 256, 256", kind: "layers", advanced: true },
  { name: "seed", label: "Random seed", hint: "same seed, same run", kind: "int", advanced: true },
];

export type FieldValues = Record<FieldName, string>;

/** The preset's defaults as the strings the inputs show. */
export function defaultValues(preset: PresetId): FieldValues {
  const p = PRESETS[preset];
  return {
    epochs: String(p.epochs),
    latentDim: String(p.latentDim),
    beta: String(p.beta),
    klWarmupEpochs: String(p.klWarmupEpochs),
    learningRate: String(p.learningRate),
    batchSize: String(p.batchSize),
    trainSize: String(p.trainSize),
    testSize: String(p.testSize),
    encoderHidden: p.encoderHidden.join(", "),
    decoderHidden: p.decoderHidden.join(", "),
    seed: String(p.seed),
  };
}

/** Parses one input with the shared zod schema. Returns the value or the message to show under the field. */
export function parseField(name: FieldName, raw: string): { value: unknown } | { error: string } {
  const spec = FIELDS.find((f) => f.name === name)!;
  const text = raw.trim();
  if (text === "") return { error: "required: enter a value" };
  let candidate: unknown;
  if (spec.kind === "layers") {
    const parts = text.split(/[\s,]+/).filter(Boolean);
    const nums = parts.map(Number);
    if (nums.some((n) => !Number.isFinite(n))) return { error: "list whole numbers separated by commas, e.g. 256, 256" };
    candidate = nums;
  } else {
    const n = Number(text);
    if (!Number.isFinite(n)) return { error: "enter a number" };
    candidate = n;
  }
  const result = TrainOverridesSchema.shape[name].safeParse(candidate);
  if (result.success) return { value: result.data };
  return { error: result.error.issues[0]?.message ?? "invalid value" };
}

export interface FormInput {
  choice: Choice;
  dataset: DatasetId;
  title: string;
  values: FieldValues;
}

/**
 * Builds the POST body. Only fields that differ from the first preset's defaults become overrides, so
 * each run of a comparison keeps its own architecture unless the user changed it.
 */
export function buildCreateBody(input: FormInput): { body: CreateSessionBody } | { errors: Partial<Record<FieldName | "form", string>> } {
  const choice = CHOICES.find((c) => c.id === input.choice);
  if (!choice) return { errors: { form: "pick a preset" } };
  const defaults = defaultValues(choice.presets[0]!);
  const errors: Partial<Record<FieldName | "form", string>> = {};
  const overrides: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const raw = input.values[f.name];
    const parsed = parseField(f.name, raw);
    if ("error" in parsed) {
      errors[f.name] = parsed.error;
      continue;
    }
    const unchanged = normalise(raw) === normalise(defaults[f.name]);
    if (!unchanged) overrides[f.name] = parsed.value;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const title = input.title.trim();
  const candidate = {
    ...(title ? { title } : {}),
    runs: choice.presets.map((preset) => ({ preset, overrides: overrides as TrainOverrides })),
    dataset: input.dataset,
    autostart: true,
  };
  const parsed = CreateSessionBodySchema.safeParse(candidate);
  if (!parsed.success) return { errors: { form: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } };
  return { body: parsed.data };
}

function normalise(s: string): string {
  return s.split(/[\s,]+/).filter(Boolean).map(Number).join(",");
}
