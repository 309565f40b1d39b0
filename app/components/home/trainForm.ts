import { CreateSessionBodySchema, type CreateSessionBody } from "../../../lib/contracts/session";
import {
  resolveConfig,
  TrainOverridesSchema,
  type DatasetId,
  type PresetId,
  type TrainConfig,
} from "../../../lib/model/config";
import { PRESETS } from "../../../lib/model/presets";
import { CHOICES, type Choice } from "./presetChoices";
import { FIELDS, type FieldName } from "./trainFields";

/**
 * The create-session form's logic (its fields are in trainFields.ts): the preset's defaults as input strings, how a
 * typed string becomes an override (validated by the shared zod schema, so the UI and the server say the same thing),
 * and how the whole form becomes a POST /api/sessions body.
 */

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
