import * as tf from "@tensorflow/tfjs";
import { priorLatentDim, STANDARD_PRIOR, type PriorSpec } from "../contracts/prior";
import { CheckpointMetaSchema, type CheckpointMeta } from "../contracts/training";
import { conditionWidth, PIXELS, type ConditionKind } from "../model/config";
import type { LabelPrior } from "../model/prior";
import { priorSpecOf } from "../model/prior";

/**
 * A trained (or freshly built) VAE as the Play view uses it: two stock tfjs Layers models plus
 * the few facts from meta.json needed to build their inputs.
 * Encoder: [b, 784 + condWidth] -> [b, 2 * latentDim] (mu ++ logvar).
 * Decoder: [b, latentDim + condWidth] -> [b, 784] sigmoid probabilities.
 */
export interface PlayModel {
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
  latentDim: number;
  condition: ConditionKind;
  /** p(z | condition) that generation samples from: meta.json's `prior` (absent in older checkpoints: standard). */
  prior: PriorSpec;
  /** Present when loaded from a checkpoint. */
  meta?: CheckpointMeta;
  /** Bytes of decoder weights actually downloaded (float16 by default, so half the stored size). */
  decoderDownloadBytes?: number;
}

/** Wraps models built in-process (e.g. `buildVae(config)`), checking their input widths. */
export function toPlayModel(models: {
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
  prior?: LabelPrior | null;
  config: { latentDim: number; condition: ConditionKind };
}): PlayModel {
  const model: PlayModel = {
    encoder: models.encoder,
    decoder: models.decoder,
    latentDim: models.config.latentDim,
    condition: models.config.condition,
    prior: priorSpecOf(models.prior ?? null),
  };
  checkShapes(model);
  return model;
}

function inputWidth(m: tf.LayersModel): number | null {
  const shape = m.inputs[0]?.shape;
  return shape ? (shape[shape.length - 1] ?? null) : null;
}

/** Throws when the models' input widths disagree with latentDim / condition (a stale meta.json, say). */
export function checkShapes(m: PlayModel): void {
  const cw = conditionWidth(m.condition);
  const dec = inputWidth(m.decoder);
  const enc = inputWidth(m.encoder);
  if (dec !== m.latentDim + cw) {
    throw new Error(`decoder takes ${dec} inputs, expected latent ${m.latentDim} + condition ${cw}`);
  }
  if (enc !== PIXELS + cw) throw new Error(`encoder takes ${enc} inputs, expected 784 + condition ${cw}`);
  const priorDim = priorLatentDim(m.prior);
  if (priorDim !== null && (priorDim !== m.latentDim || m.condition !== "label")) {
    throw new Error(
      `a label prior of latent ${priorDim} does not fit a "${m.condition}" model of latent ${m.latentDim}`,
    );
  }
}

export interface LoadProgress {
  /** 0..1 over meta + both models (weighted: the decoder is what matters and is downloaded last). */
  fraction: number;
  stage: "meta" | "encoder" | "decoder" | "ready";
}

/**
 * Loads `<baseUrl>/meta.json`, `<baseUrl>/encoder/model.json` and `<baseUrl>/decoder/model.json`
 * with tfjs's stock loaders (`tf.io.http` + `tf.loadLayersModel`; weights resolve relative to each
 * model.json). `baseUrl` is e.g. `/api/sessions/<id>/checkpoints/<ckptId>` (no trailing slash); the
 * server then sends float16 weights (its default, docs/api.md), which the stock loader dequantizes.
 * Weights are uploaded to the backend active when the download ends: `prepare(meta)` (e.g. choosing
 * the backend) runs WHILE the weights download and is awaited before the models are built.
 */
export async function loadPlayModel(
  baseUrl: string,
  opts: {
    onProgress?: (p: LoadProgress) => void;
    fetchImpl?: typeof fetch;
    prepare?: (meta: CheckpointMeta) => Promise<unknown>;
  } = {},
): Promise<PlayModel> {
  const report = opts.onProgress ?? (() => {});
  const doFetch = opts.fetchImpl ?? fetch;
  report({ fraction: 0, stage: "meta" });
  const res = await doFetch(`${baseUrl}/meta.json`);
  if (!res.ok) throw new Error(`could not load the checkpoint's meta.json (HTTP ${res.status})`);
  const meta = CheckpointMetaSchema.parse(await res.json());
  const prepared = opts.prepare?.(meta) ?? Promise.resolve();
  // The encoder is small next to the decoder for all presets but inpainting; weight progress by halves.
  const fractions = [0, 0];
  const progress = (i: 0 | 1) => (f: number) => {
    fractions[i] = f;
    const done = (fractions[0] ?? 0) * 0.4 + (fractions[1] ?? 0) * 0.6;
    report({ fraction: 0.05 + 0.9 * done, stage: i === 0 ? "encoder" : "decoder" });
  };
  const download = (name: string, onProgress: (f: number) => void) => {
    const handler = tf.io.http(`${baseUrl}/${name}/model.json`, { onProgress, fetchFunc: opts.fetchImpl });
    if (!handler.load) throw new Error("tf.io.http cannot load here");
    return handler.load();
  };
  const [encoderArtifacts, decoderArtifacts] = await Promise.all([
    download("encoder", progress(0)),
    download("decoder", progress(1)),
    prepared,
  ]);
  await prepared;
  const encoder = await tf.loadLayersModel(tf.io.fromMemory(encoderArtifacts));
  const decoder = await tf.loadLayersModel(tf.io.fromMemory(decoderArtifacts));
  const model: PlayModel = {
    encoder,
    decoder,
    latentDim: meta.latentDim,
    condition: meta.condition.kind,
    prior: meta.prior ?? STANDARD_PRIOR,
    meta,
    decoderDownloadBytes: weightBytes(decoderArtifacts.weightData),
  };
  checkShapes(model);
  report({ fraction: 1, stage: "ready" });
  return model;
}

function weightBytes(data: tf.io.ModelArtifacts["weightData"]): number {
  if (!data) return 0;
  return Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
}

/** Frees both models' weights (call when swapping to a newer checkpoint). */
export function disposePlayModel(m: PlayModel): void {
  m.encoder.dispose();
  m.decoder.dispose();
}
