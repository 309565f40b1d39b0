import * as tf from "@tensorflow/tfjs";
import type { CheckpointArtifacts, ExportedModel } from "../contracts/training";
import type { VaeModels } from "./build";
import { conditionWidth, ValidTrainConfigSchema, type ConditionKind } from "./config";
import { toFloat16 } from "./float16";
import { createLabelPrior, loadPriorSpec } from "./prior";

/**
 * In-memory export/import of a Layers model in the stock tfjs format: `modelJson` is exactly what a
 * model.json holds (weightsManifest paths ["weights.bin"]) and `weightData` is weights.bin, so whoever writes
 * them to disk or serves them lets the browser call `tf.loadLayersModel(url)` unchanged.
 */

export const WEIGHTS_FILE = "weights.bin";

function toArrayBuffer(data: tf.io.WeightData): ArrayBuffer {
  return tf.io.CompositeArrayBuffer.join(data);
}

/**
 * Float16 re-encoding: tfjs's loader understands `dtype: "float32"` + `quantization: { dtype: "float16" }`
 * and dequantizes, so the stock loader still works while weights.bin is half the size.
 */
function quantizeFloat16(
  specs: tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
): { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer } {
  const parts: Uint16Array[] = [];
  const outSpecs: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    if (spec.dtype !== "float32" || spec.quantization) {
      throw new Error(`float16 export supports plain float32 weights only (${spec.name} is ${spec.dtype})`);
    }
    const size = spec.shape.reduce((a, b) => a * b, 1);
    parts.push(toFloat16(new Float32Array(data.slice(offset, offset + size * 4))));
    offset += size * 4;
    outSpecs.push({ name: spec.name, shape: spec.shape, dtype: "float32", quantization: { dtype: "float16" } });
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint16Array(total);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return { specs: outSpecs, data: joined.buffer };
}

/** Serialises a model to model.json content + weights.bin bytes (float16 halves the weights). */
export async function captureModel(model: tf.LayersModel, opts: { float16?: boolean } = {}): Promise<ExportedModel> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  if (!captured?.modelTopology || !captured.weightSpecs || !captured.weightData) {
    throw new Error(`captureModel: ${model.name} produced no topology or weights`);
  }
  let specs = captured.weightSpecs;
  let data = toArrayBuffer(captured.weightData);
  if (opts.float16) ({ specs, data } = quantizeFloat16(specs, data));
  const modelJson: Record<string, unknown> = {
    format: captured.format ?? "layers-model",
    generatedBy: captured.generatedBy,
    convertedBy: captured.convertedBy ?? null,
    modelTopology: captured.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
  };
  return { modelJson, weightData: data };
}

/** Loads an ExportedModel back with the stock loader (tf.loadLayersModel + tf.io.fromMemory). */
export async function loadModel(exported: ExportedModel): Promise<tf.LayersModel> {
  const json = exported.modelJson as { modelTopology?: object; weightsManifest?: tf.io.WeightsManifestConfig };
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error("loadModel: modelJson needs modelTopology and weightsManifest");
  }
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: exported.weightData }),
  );
}

/**
 * A checkpoint as VaeModels for evaluation: the stock-loaded encoder and decoder plus the learned prior from
 * meta.prior (the configuration says whether the run has one). The caller disposes them (disposeVae).
 */
export async function loadVae(
  artifacts: Pick<CheckpointArtifacts, "meta" | "encoder" | "decoder">,
): Promise<VaeModels> {
  const config = ValidTrainConfigSchema.parse(artifacts.meta.config);
  const encoder = await loadModel(artifacts.encoder);
  const decoder = await loadModel(artifacts.decoder);
  const prior = config.prior === "label-gaussian" ? createLabelPrior(config.latentDim) : null;
  try {
    if (prior) loadPriorSpec(prior, artifacts.meta.prior);
  } catch (e) {
    encoder.dispose();
    decoder.dispose();
    prior?.params.dispose();
    throw e;
  }
  return { encoder, decoder, prior, config };
}

const ENCODER_OUTPUT =
  "encoder output = [mu (latent) | logvar (latent)], decoder output = pixel probabilities (784, sigmoid)";

/** How the condition vector is laid out, for meta.json and for whoever feeds an exported model. */
export function conditionLayout(kind: ConditionKind): { kind: ConditionKind; width: number; layout: string } {
  const width = conditionWidth(kind);
  switch (kind) {
    case "none":
      return {
        kind,
        width,
        layout: "no condition: encoder input = x (784), decoder input = z (latent); " + ENCODER_OUTPUT,
      };
    case "label":
      return {
        kind,
        width,
        layout:
          "one-hot digit (10 floats, index = digit), appended after x (encoder input 784+10) and after z (decoder input latent+10); " +
          ENCODER_OUTPUT,
      };
    case "inpaint":
      return {
        kind,
        width,
        layout:
          "observed pixels x*mask (784, hole = 0) then mask (784, 1 = observed, 0 = hole), appended after x (encoder) and after z (decoder); " +
          ENCODER_OUTPUT,
      };
    default: {
      const never: never = kind;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}
