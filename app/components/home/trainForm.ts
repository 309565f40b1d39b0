import { CreateSessionBodySchema, type CreateSessionBody } from "../../../lib/contracts/session";
import {
  PRESETS,
  resolveConfig,
  TrainOverridesSchema,
  type DatasetId,
  type PresetId,
  type TrainConfig,
} from "../../../lib/model/config";
import { CHOICES, type Choice } from "./presetChoices";

/**
 * The create-session form as pure data: which presets and fields it offers, how a typed string becomes
 * an override (validated by the shared zod schema, so the UI and the server say the same thing), and
 * how the whole form becomes a POST /api/sessions body.
 */

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
  /** What the knob does, in a sentence or two: shown on hover and keyboard focus. */
  explain: string;
  kind: "int" | "float" | "layers";
  advanced?: boolean;
}

export const FIELDS: FieldSpec[] = [
  {
    name: "epochs",
    label: "Epochs",
    hint: "passes over the training images",
    explain:
      "One epoch is one pass over every training image. More epochs give sharper digits and a longer wait; 10 is the usual yardstick.",
    kind: "int",
  },
  {
    name: "latentDim",
    label: "Latent size",
    hint: "dimensions of z",
    explain:
      "How many numbers (z) each image is squeezed into. 2 lets you see the whole space as a map; 20 keeps more detail.",
    kind: "int",
  },
  {
    name: "beta",
    label: "β (KL weight)",
    hint: "1 is the true ELBO",
    explain:
      "How hard the codes are pulled towards a standard normal (the KL term). Above 1: a tidier latent space and blurrier digits; below 1: sharper digits, worse samples.",
    kind: "float",
  },
  {
    name: "klWarmupEpochs",
    label: "KL warm-up",
    hint: "epoch by which the KL weight reaches β",
    explain:
      "The KL weight moves from its start value to β by this epoch: from 0 for most presets, so the decoder learns to draw before the codes are squeezed; CVAE on labels starts at 3 and falls to 1, which makes its digits follow the label. 0 = β from the start.",
    kind: "float",
  },
  {
    name: "learningRate",
    label: "Learning rate",
    hint: "Adam step size, e.g. 1e-3",
    explain: "Step size of the Adam optimiser. Too high and the loss jumps about; too low and training crawls.",
    kind: "float",
  },
  {
    name: "batchSize",
    label: "Batch size",
    hint: "images per step",
    explain:
      "Images averaged in one gradient step. Bigger batches train more images per second here, but take fewer steps per epoch.",
    kind: "int",
  },
  {
    name: "trainSize",
    label: "Train size",
    hint: "first N of 60,000 images",
    explain:
      "How many of the 60,000 training images to use (the first N). Fewer is faster; under about 30,000, generated digits get noticeably worse.",
    kind: "int",
  },
  {
    name: "testSize",
    label: "Test size",
    hint: "first N of 10,000 for the test −ELBO",
    explain:
      "How many of the 10,000 held-out test images measure the test −ELBO after each epoch. Fewer is faster and noisier.",
    kind: "int",
    advanced: true,
  },
  {
    name: "encoderHidden",
    label: "Encoder hidden layers",
    hint: "units per layer, e.g. 256, 256",
    explain:
      "Sizes of the encoder's hidden layers, from the image side. Wider or more layers: more capacity, slower steps.",
    kind: "layers",
    advanced: true,
  },
  {
    name: "decoderHidden",
    label: "Decoder hidden layers",
    hint: "units per layer, e.g. 256, 256",
    explain:
      "Sizes of the decoder's hidden layers, from the latent side. Wider or more layers: more capacity, slower steps.",
    kind: "layers",
    advanced: true,
  },
  {
    name: "seed",
    label: "Random seed",
    hint: "same seed, same run",
    explain:
      "Starts every random choice (initial weights, batch order, noise). The same seed and settings train the same model again.",
    kind: "int",
    advanced: true,
  },
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
    if (nums.some((n) => !Number.isFinite(n)))
      return { error: "list whole numbers separated by commas, e.g. 256, 256" };
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
export function buildCreateBody(
  input: FormInput,
): { body: CreateSessionBody } | { errors: Partial<Record<FieldName | "form", string>> } {
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
    runs: choice.presets.map((preset) => ({ preset, overrides: overrides })),
    dataset: input.dataset,
    autostart: true,
  };
  const parsed = CreateSessionBodySchema.safeParse(candidate);
  if (!parsed.success)
    return { errors: { form: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } };
  return { body: parsed.data };
}

function normalise(s: string): string {
  return s
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
    .join(",");
}

/** The runs' resolved configurations as the form stands, or null while a field is invalid (estimates and notes wait). */
export function previewConfigs(input: FormInput): TrainConfig[] | null {
  const built = buildCreateBody(input);
  if ("errors" in built) return null;
  return built.body.runs.map((r) => resolveConfig(r.preset, { ...r.overrides, dataset: built.body.dataset }));
}
