import type * as tf from "@tensorflow/tfjs";
import type { ExportedModel } from "../contracts/training";
import { WEIGHTS_FILE } from "./artifacts";
import { fromFloat16, toFloat16 } from "./float16";

/**
 * How an exported model's weights.bin encodes its (float32) weights: plain float32, or float16 declared as
 * `dtype: "float32", quantization: { dtype: "float16" }` (what captureModel({ float16 }) writes and stock
 * tfjs loaders dequantize). Serving converts between the two without touching the stored checkpoint.
 */
export type WeightDtype = "float16" | "float32";
export const WEIGHT_DTYPES = ["float16", "float32"] as const satisfies readonly WeightDtype[];

export function isWeightDtype(value: string): value is WeightDtype {
  return (WEIGHT_DTYPES as readonly string[]).includes(value);
}

const BYTES: Record<WeightDtype, number> = { float16: 2, float32: 4 };

function encodingOf(spec: tf.io.WeightsManifestEntry): WeightDtype {
  if (spec.dtype === "float32" && !spec.quantization) return "float32";
  if (spec.dtype === "float32" && spec.quantization?.dtype === "float16" && spec.quantization.scale === undefined)
    return "float16";
  throw new Error(`weight ${spec.name}: only float32 weights (plain or float16-quantized) can be re-encoded`);
}

/** All weight specs of a model.json, in weights.bin order (groups concatenated, as tfjs reads them). */
export function weightSpecsOf(model: ExportedModel): tf.io.WeightsManifestEntry[] {
  const manifest = (model.modelJson.weightsManifest ?? []) as tf.io.WeightsManifestConfig;
  return manifest.flatMap((g) => g.weights);
}

/** "float16" when every weight is stored float16-quantized, else "float32" (also for a model without weights). */
export function storedWeightDtype(model: ExportedModel): WeightDtype {
  const specs = weightSpecsOf(model);
  return specs.length > 0 && specs.every((s) => encodingOf(s) === "float16") ? "float16" : "float32";
}

/**
 * The same model with weights.bin re-encoded as `dtype` (one manifest group, path WEIGHTS_FILE). Returns
 * `model` itself when it is already encoded that way. float32 -> float16 rounds to nearest even;
 * float16 -> float32 is exact (every half is a float32), so it only widens already-rounded weights.
 */
export function withWeightDtype(model: ExportedModel, dtype: WeightDtype): ExportedModel {
  const specs = weightSpecsOf(model);
  if (specs.every((s) => encodingOf(s) === dtype)) return model;
  const outSpecs: tf.io.WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  let inAt = 0;
  for (const spec of specs) {
    const from = encodingOf(spec);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = model.weightData.slice(inAt, inAt + size * BYTES[from]);
    if (bytes.byteLength !== size * BYTES[from]) throw new Error(`weights.bin is too short for ${spec.name}`);
    inAt += bytes.byteLength;
    const values = from === "float32" ? new Float32Array(bytes) : fromFloat16(new Uint16Array(bytes));
    if (dtype === "float16") {
      chunks.push(new Uint8Array(toFloat16(values).buffer));
      outSpecs.push({ name: spec.name, shape: spec.shape, dtype: "float32", quantization: { dtype: "float16" } });
    } else {
      chunks.push(new Uint8Array(values.buffer));
      outSpecs.push({ name: spec.name, shape: spec.shape, dtype: "float32" });
    }
  }
  if (inAt !== model.weightData.byteLength)
    throw new Error(`weights.bin has ${model.weightData.byteLength - inAt} bytes the manifest does not describe`);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return {
    modelJson: { ...model.modelJson, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: outSpecs }] },
    weightData: out.buffer,
  };
}
