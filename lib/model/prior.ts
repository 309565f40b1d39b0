import * as tf from "@tensorflow/tfjs";
import { LABEL_PRIOR_CLASSES, type PriorSpec } from "../contracts/prior";

/**
 * The learned class-conditional prior p(z | y) = N(mean_y, diag(exp(logVar_y))) of "label-gaussian" runs, as one
 * trainable variable so it rides along in the flat weight vector of the training step (its gradient, its Adam state,
 * its slot in checkpoints) like any Dense kernel.
 *
 * params [10, 2·latent]: row y = [mean_y | logVar_y]. Starts at zeros, i.e. exactly the standard prior, so the first
 * step of a label-gaussian run is the seed's.
 */
export interface LabelPrior {
  params: tf.Variable;
  latentDim: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

export function createLabelPrior(latentDim: number): LabelPrior {
  if (!Number.isInteger(latentDim) || latentDim < 1)
    throw new Error(`createLabelPrior: latentDim must be a positive integer, got ${latentDim}`);
  // No explicit name: tfjs refuses two variables of one name, and several models live in one process (tests, replicas).
  return { params: tf.variable(tf.zeros([LABEL_PRIOR_CLASSES, 2 * latentDim]), true), latentDim };
}

/** The prior as meta.json carries it (docs/api.md): standard, or the learned rows read back from the variable. */
export function priorSpecOf(prior: LabelPrior | null): PriorSpec {
  if (!prior) return { kind: "standard" };
  const L = prior.latentDim;
  const values = prior.params.dataSync();
  const row = (y: number, from: number): number[] =>
    Array.from(values.subarray(y * 2 * L + from, y * 2 * L + from + L));
  return {
    kind: "label-gaussian",
    mean: Array.from({ length: LABEL_PRIOR_CLASSES }, (_, y) => row(y, 0)),
    logVar: Array.from({ length: LABEL_PRIOR_CLASSES }, (_, y) => row(y, L)),
  };
}

/** Loads a checkpoint's label prior into the variable (a resume); throws when kind or size do not fit. */
export function loadPriorSpec(prior: LabelPrior, spec: PriorSpec | undefined): void {
  if (!spec || spec.kind !== "label-gaussian")
    throw new Error(`expected a "label-gaussian" prior, the checkpoint has ${spec ? `"${spec.kind}"` : "none"}`);
  const L = prior.latentDim;
  if (spec.mean.some((r) => r.length !== L) || spec.logVar.some((r) => r.length !== L)) {
    throw new Error(`the checkpoint's prior rows do not have ${L} numbers`);
  }
  const flat = new Float32Array(LABEL_PRIOR_CLASSES * 2 * L);
  for (let y = 0; y < LABEL_PRIOR_CLASSES; y++) {
    flat.set(spec.mean[y]!, y * 2 * L);
    flat.set(spec.logVar[y]!, y * 2 * L + L);
  }
  prior.params.assign(tf.tensor2d(flat, [LABEL_PRIOR_CLASSES, 2 * L]));
}

/**
 * Per-image prior moments: the one-hot rows pick their digit's row of params.
 * @param onehot [b, 10] @returns mean, logVar [b, latent]
 */
export function priorMoments(prior: LabelPrior, onehot: tf.Tensor2D): { mean: tf.Tensor2D; logVar: tf.Tensor2D } {
  if (onehot.rank !== 2 || onehot.shape[1] !== LABEL_PRIOR_CLASSES)
    throw new Error(`priorMoments: one-hot labels must be [batch, 10], got [${onehot.shape.join(", ")}]`);
  return tf.tidy(() => {
    const rows = tf.matMul<tf.Tensor2D>(onehot, prior.params);
    const [mean, logVar] = tf.split(rows, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return { mean, logVar };
  });
}

/**
 * Draws from the prior given standard normal noise: z = mean_y + temperature · exp(½·logVar_y) ⊙ eps, or
 * temperature · eps for the standard prior (prior null). @param eps [b, latent] @param onehot [b, 10] (label prior)
 */
export function samplePrior(
  prior: LabelPrior | null,
  eps: tf.Tensor2D,
  onehot: tf.Tensor2D | null,
  temperature = 1,
): tf.Tensor2D {
  return tf.tidy(() => {
    if (!prior) return tf.mul<tf.Tensor2D>(eps, temperature);
    if (!onehot) throw new Error("samplePrior: a label prior needs the one-hot labels");
    const { mean, logVar } = priorMoments(prior, onehot);
    return tf.add<tf.Tensor2D>(mean, tf.mul(tf.exp(tf.mul(logVar, 0.5)), tf.mul(eps, temperature)));
  });
}

/** log p(z | y) per row, in nats. @param z [b, latent] @returns [b] */
export function logPriorDensity(prior: LabelPrior | null, z: tf.Tensor2D, onehot: tf.Tensor2D | null): tf.Tensor1D {
  return tf.tidy(() => {
    const L = z.shape[1];
    if (!prior) return tf.mul<tf.Tensor1D>(tf.add(tf.sum(tf.square(z), 1), L * LOG_2PI), -0.5);
    if (!onehot) throw new Error("logPriorDensity: a label prior needs the one-hot labels");
    const { mean, logVar } = priorMoments(prior, onehot);
    const quad = tf.mul(tf.square(tf.sub(z, mean)), tf.exp(tf.neg(logVar)));
    return tf.mul<tf.Tensor1D>(tf.add(tf.sum(tf.add(quad, logVar), 1), L * LOG_2PI), -0.5);
  });
}

export function disposeLabelPrior(prior: LabelPrior | null): void {
  prior?.params.dispose();
}
