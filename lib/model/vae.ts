import * as tf from "@tensorflow/tfjs";
import type { VaeModels } from "./build";
import { conditionWidth, PIXELS } from "./config";
import { fastDense, fastDenseConstInput, fastDenseConstTail } from "./fastDense";
import { priorMoments } from "./prior";
import { activationName, layerVariable } from "./variables";

/**
 * Encoder/decoder forward passes and the negative ELBO.
 * encode/decode run the stock Layers models (what the browser runs); negElbo runs its own forward over the
 * same weight variables with fastDense, so training gets the fast gradient.
 */

export interface DenseWeights {
  kernel: tf.Variable;
  bias: tf.Variable;
  activation: string;
}

/** Cached per model: getConfig() is not free and the variables are stable objects (assign updates in place). */
const denseWeightsCache = new WeakMap<tf.LayersModel, DenseWeights[]>();

/** Kernel/bias variables and activation of every Dense layer, in order (weightless layers such as an InputLayer skipped). */
export function denseWeights(model: tf.LayersModel): DenseWeights[] {
  const cached = denseWeightsCache.get(model);
  if (cached) return cached;
  const layers = readDenseWeights(model);
  denseWeightsCache.set(model, layers);
  return layers;
}

function readDenseWeights(model: tf.LayersModel): DenseWeights[] {
  return model.layers
    .filter((layer) => layer.trainableWeights.length > 0)
    .map((layer) => {
      const [kernel, bias] = layer.trainableWeights.map(layerVariable);
      if (!kernel || !bias || kernel.rank !== 2 || bias.rank !== 1) {
        throw new Error(`layer ${layer.name} is not a Dense layer with kernel and bias`);
      }
      const activation = activationName(layer);
      return { kernel, bias, activation };
    });
}

/** All trainable variables (encoder, then decoder, then the learned prior if any), what the optimizer updates. */
export function trainableVariables(m: VaeModels): tf.Variable[] {
  const layers = [...m.encoder.trainableWeights, ...m.decoder.trainableWeights].map(layerVariable);
  return m.prior ? [...layers, m.prior.params] : layers;
}

/** Number of trainable weights (the flat weight vector's length; Adam keeps two moments per weight). */
export function parameterCount(m: VaeModels): number {
  return trainableVariables(m).reduce((n, v) => n + v.size, 0);
}

function checkBatch(what: string, t: tf.Tensor, width: number, batch?: number): void {
  if (t.rank !== 2 || t.shape[1] !== width || (batch !== undefined && t.shape[0] !== batch)) {
    throw new Error(`${what} must be [${batch ?? "batch"}, ${width}], got [${t.shape.join(", ")}]`);
  }
}

/** Checks the condition matches the model's condition kind and the batch. */
function checkCondition(m: VaeModels, batch: number, cond: tf.Tensor2D | null): void {
  const width = conditionWidth(m.config.condition);
  if (width === 0) {
    if (cond) throw new Error(`condition must be null for a model without condition (got [${cond.shape.join(", ")}])`);
    return;
  }
  if (!cond) throw new Error(`this model needs a "${m.config.condition}" condition of width ${width}`);
  checkBatch(`condition "${m.config.condition}"`, cond, width, batch);
}

/** Concatenates the (checked) condition after the main input. */
function withCondition(m: VaeModels, main: tf.Tensor2D, cond: tf.Tensor2D | null): tf.Tensor2D {
  checkCondition(m, main.shape[0], cond);
  return cond ? tf.concat([main, cond], 1) : main;
}

function splitMuLogvar(h: tf.Tensor2D, latent: number): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
  const [mu, logvar] = tf.split(h, [latent, latent], 1) as [tf.Tensor2D, tf.Tensor2D];
  return { mu, logvar };
}

/**
 * q(z | x, cond) parameters with the stock encoder model.
 * @param x [b, 784] in [0, 1]; @param cond [b, condWidth] or null
 * @returns mu, logvar: [b, latent]
 */
export function encode(
  m: VaeModels,
  x: tf.Tensor2D,
  cond: tf.Tensor2D | null,
): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
  checkBatch("x", x, PIXELS);
  return tf.tidy(() => {
    const h = m.encoder.apply(withCondition(m, x, cond)) as tf.Tensor2D;
    return splitMuLogvar(h, m.config.latentDim);
  });
}

/**
 * p(x | z, cond) with the stock decoder model.
 * @param z [b, latent]; @param cond [b, condWidth] or null
 * @returns pixel probabilities [b, 784]
 */
export function decode(m: VaeModels, z: tf.Tensor2D, cond: tf.Tensor2D | null): tf.Tensor2D {
  checkBatch("z", z, m.config.latentDim);
  return tf.tidy(() => m.decoder.apply(withCondition(m, z, cond)) as tf.Tensor2D);
}

/**
 * Forward through Dense layers with the fast dense ops. The first layer's input is `first`: data with no gradient
 * ("const"), or a tensor needing one ("grad", optionally followed by a constant condition). The last layer's
 * activation is skipped when `logits`.
 */
type FirstInput = { kind: "const"; x: tf.Tensor2D } | { kind: "grad"; x: tf.Tensor2D; constTail: tf.Tensor2D | null };

function fastForward(layers: DenseWeights[], first: FirstInput, logits: boolean): tf.Tensor2D {
  let h = first.x;
  layers.forEach((l, i) => {
    const k = l.kernel as tf.Tensor2D;
    const b = l.bias as tf.Tensor1D;
    if (i > 0) h = fastDense(h, k, b);
    else if (first.kind === "const") h = fastDenseConstInput(h, k, b);
    else h = first.constTail ? fastDenseConstTail(h, first.constTail, k, b) : fastDense(h, k, b);
    const last = i === layers.length - 1;
    if (last && logits) return;
    if (l.activation === "relu") h = tf.relu(h);
    else if (l.activation === "sigmoid") h = tf.sigmoid(h);
    else if (l.activation !== "linear") throw new Error(`unsupported activation ${l.activation}`);
  });
  return h;
}

/**
 * KL(q(z|x) ‖ p(z|y)) per image [b] for diagonal Gaussians: against N(0, I) when the model has no learned prior,
 * −½ Σ (1 + logvar − mu² − e^logvar); against the label prior N(m, e^s),
 * ½ Σ (s − logvar + (e^logvar + (mu − m)²) · e^−s − 1). `cond` is the one-hot label for a label prior.
 */
export function klPerImage(m: VaeModels, mu: tf.Tensor2D, logvar: tf.Tensor2D, cond: tf.Tensor2D | null): tf.Tensor1D {
  return tf.tidy(() => {
    if (!m.prior)
      return tf.mul<tf.Tensor1D>(tf.sum(tf.sub(tf.add(1, logvar), tf.add(tf.square(mu), tf.exp(logvar))), 1), -0.5);
    if (!cond) throw new Error("a label prior needs the one-hot label condition");
    const p = priorMoments(m.prior, cond);
    const spread = tf.mul(tf.add(tf.exp(logvar), tf.square(tf.sub(mu, p.mean))), tf.exp(tf.neg(p.logVar)));
    return tf.mul<tf.Tensor1D>(tf.sum(tf.sub(tf.add(tf.sub(p.logVar, logvar), spread), 1), 1), 0.5);
  });
}

/**
 * Negative ELBO with the reparameterisation z = mu + eps · exp(0.5 · logvar).
 * recon = Σ_pixels softplus(l) − x·l (BCE with sigmoid, on logits l, numerically stable);
 * kl = KL(q(z|x, cond) ‖ p(z|cond)) (klPerImage: N(0, I), or the learned label prior). All three are means per image, in nats;
 * loss = recon + klWeight · kl. Uses fastDense, so call it inside tf.variableGrads / optimizer.minimize.
 *
 * @param x [b, 784] in [0, 1]; @param cond [b, condWidth] or null; @param eps [b, latent] standard normal
 */
export function negElbo(
  m: VaeModels,
  x: tf.Tensor2D,
  cond: tf.Tensor2D | null,
  eps: tf.Tensor2D,
  klWeight: number,
): { loss: tf.Scalar; recon: tf.Scalar; kl: tf.Scalar } {
  checkBatch("x", x, PIXELS);
  checkBatch("eps", eps, m.config.latentDim, x.shape[0]);
  checkCondition(m, x.shape[0], cond);
  if (!Number.isFinite(klWeight) || klWeight < 0)
    throw new Error(`klWeight must be a finite number ≥ 0, got ${klWeight}`);
  return tf.tidy(() => {
    const h = fastForward(denseWeights(m.encoder), { kind: "const", x: withCondition(m, x, cond) }, false);
    const { mu, logvar } = splitMuLogvar(h, m.config.latentDim);
    const z = tf.add<tf.Tensor2D>(mu, tf.mul(eps, tf.exp(tf.mul(logvar, 0.5))));
    const logits = fastForward(denseWeights(m.decoder), { kind: "grad", x: z, constTail: cond }, true);
    const reconPerImage = tf.sum(tf.sub(tf.softplus(logits), tf.mul(x, logits)), 1);
    const recon = tf.mean<tf.Scalar>(reconPerImage);
    const kl = tf.mean<tf.Scalar>(klPerImage(m, mu, logvar, cond));
    const loss = tf.add<tf.Scalar>(recon, tf.mul(kl, klWeight));
    return { loss, recon, kl };
  });
}
