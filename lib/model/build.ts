import * as tf from "@tensorflow/tfjs";
import { conditionWidth, PIXELS, ValidTrainConfigSchema, type TrainConfig } from "./config";
import { createLabelPrior, disposeLabelPrior, type LabelPrior } from "./prior";

/**
 * The VAE as two plain tfjs Layers models (tf.sequential of Dense layers, no custom classes), so the
 * browser loads each with the stock `tf.loadLayersModel`.
 *
 * encoder: [b, 784 + condWidth] -> hidden ReLU layers -> Dense(2 * latent, linear) = [mu | logvar]
 * decoder: [b, latent + condWidth] -> hidden ReLU layers -> Dense(784, sigmoid) = pixel probabilities
 *
 * mu/logvar are linear on purpose (the seed put a ReLU on them, forcing mu >= 0 and logvar >= 0).
 * prior: the learned p(z | y) of "label-gaussian" runs (lib/model/prior.ts), null for the standard N(0, I). It is
 * not part of either Layers model: checkpoints export it in meta.json (lib/contracts/prior.ts).
 */
export interface VaeModels {
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
  prior: LabelPrior | null;
  config: TrainConfig;
}

/** Stable layer names so weights round-trip through export/import and checkpoints. */
export const ENCODER_NAME = "vae_encoder";
export const DECODER_NAME = "vae_decoder";
export const encoderHiddenName = (i: number): string => `enc_dense_${i}`;
export const decoderHiddenName = (i: number): string => `dec_dense_${i}`;
export const ENCODER_OUTPUT_NAME = "enc_mu_logvar";
export const DECODER_OUTPUT_NAME = "dec_pixels";

/** Seeds per layer, derived from config.seed so two layers never share an init stream. */
function kernelInit(seed: number, layerIndex: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed: (seed * 1009 + layerIndex * 7919 + 1) % 2 ** 31 });
}

function buildStack(
  name: string,
  inputWidth: number,
  hidden: readonly number[],
  hiddenName: (i: number) => string,
  output: { name: string; units: number; activation: "linear" | "sigmoid" },
  seed: number,
  seedOffset: number,
): tf.Sequential {
  const model = tf.sequential({ name });
  hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        name: hiddenName(i),
        units,
        activation: "relu",
        kernelInitializer: kernelInit(seed, seedOffset + i),
        biasInitializer: "zeros",
        ...(i === 0 ? { inputShape: [inputWidth] } : {}),
      }),
    );
  });
  model.add(
    tf.layers.dense({
      name: output.name,
      units: output.units,
      activation: output.activation,
      kernelInitializer: kernelInit(seed, seedOffset + hidden.length),
      biasInitializer: "zeros",
    }),
  );
  return model;
}

/**
 * Builds fresh encoder and decoder for a config (validated with ValidTrainConfigSchema; throws an Error naming the
 * bad field). Weights are initialised from config.seed (Glorot uniform kernels, zero biases).
 */
export function buildVae(config: TrainConfig): VaeModels {
  const parsed = ValidTrainConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ");
    throw new Error(`buildVae: invalid config (${issues})`);
  }
  const c = parsed.data;
  const cw = conditionWidth(c.condition);
  const encoder = buildStack(
    ENCODER_NAME,
    PIXELS + cw,
    c.encoderHidden,
    encoderHiddenName,
    { name: ENCODER_OUTPUT_NAME, units: 2 * c.latentDim, activation: "linear" },
    c.seed,
    0,
  );
  const decoder = buildStack(
    DECODER_NAME,
    c.latentDim + cw,
    c.decoderHidden,
    decoderHiddenName,
    { name: DECODER_OUTPUT_NAME, units: PIXELS, activation: "sigmoid" },
    c.seed,
    100,
  );
  const prior = c.prior === "label-gaussian" ? createLabelPrior(c.latentDim) : null;
  return { encoder, decoder, prior, config: c };
}

/** Releases both models' weights and the learned prior. */
export function disposeVae(m: VaeModels): void {
  m.encoder.dispose();
  m.decoder.dispose();
  disposeLabelPrior(m.prior);
}
