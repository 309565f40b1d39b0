import * as tf from "@tensorflow/tfjs";
import type { VaeModels } from "./build";
import { conditionWidth, PIXELS } from "./config";

/**
 * The training hot path: the negative ELBO's gradients by explicit backpropagation with tfjs ops, no tape.
 *
 * Why not tf.variableGrads: on the wasm backend the tape costs ~350 kernel launches per step (identity copies,
 * gradient accumulation adds, broadcast bookkeeping), and matMul with
 * transposeA/transposeB misses XNNPACK's fast path (8–10x slower). Here each Dense layer is one fused
 * matMul+bias+ReLU forward, and its backward uses only untransposed matMul operands:
 *   dW = transpose(a) · dy,   db = Σ_rows dy,   da = dy · transpose(W)   (skipped where no one needs it).
 * Same maths as lib/model/vae.ts negElbo (tests/unit/lib/model/fastGrads.test.ts checks the gradients against
 * tfjs's autodiff of negElbo to float tolerance).
 */

interface DenseLayer {
  kernel: tf.Variable; // [in, out]
  bias: tf.Variable; // [out]
  activation: string;
}

const layerCache = new WeakMap<tf.LayersModel, DenseLayer[]>();

/** Dense layers of a model in order (weightless layers skipped). The variables are stable: assign() updates in place. */
function denseLayers(model: tf.LayersModel): DenseLayer[] {
  const cached = layerCache.get(model);
  if (cached) return cached;
  const layers = model.layers
    .filter((layer) => layer.trainableWeights.length > 0)
    .map((layer) => {
      const [kernel, bias] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      if (!kernel || !bias || kernel.rank !== 2 || bias.rank !== 1) throw new Error(`layer ${layer.name} is not a Dense layer`);
      return { kernel, bias, activation: String(layer.getConfig()["activation"] ?? "linear") };
    });
  layers.forEach((l, i) => {
    const last = i === layers.length - 1;
    if (!last && l.activation !== "relu") throw new Error(`fastGrads: hidden layers must be relu, got ${l.activation}`);
  });
  layerCache.set(model, layers);
  return layers;
}

/** The first n rows of w [rows, cols] by gather: wasm's Slice kernel copies its whole input to JS first. */
function firstRows(w: tf.Tensor2D, n: number): tf.Tensor2D {
  return n === w.shape[0] ? w : (tf.gather(w, tf.range(0, n, 1, "int32")) as tf.Tensor2D);
}

interface Forward {
  /** Inputs of each layer (a_0 = network input, a_i = ReLU output of layer i-1). */
  inputs: tf.Tensor2D[];
  out: tf.Tensor2D;
}

/** Forward through Dense layers: one fused matMul + bias (+ ReLU) kernel per layer; the last layer stays linear. */
function forward(layers: DenseLayer[], input: tf.Tensor2D): Forward {
  const inputs: tf.Tensor2D[] = [];
  let h = input;
  layers.forEach((l, i) => {
    inputs.push(h);
    const last = i === layers.length - 1;
    h = tf.fused.matMul({ a: h, b: l.kernel as tf.Tensor2D, bias: l.bias, activation: last ? "linear" : "relu" }) as tf.Tensor2D;
  });
  return { inputs, out: h };
}

/**
 * Backward through Dense layers given dOut = ∂loss/∂(last pre-activation). Writes dW/db into `grads` and returns
 * ∂loss/∂input restricted to its first `inputGradCols` columns (0 = not needed).
 */
function backward(
  layers: DenseLayer[],
  fwd: Forward,
  dOut: tf.Tensor2D,
  inputGradCols: number,
  grads: tf.NamedTensorMap,
): tf.Tensor2D | null {
  let dy = dOut;
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i]!;
    const a = fwd.inputs[i]!;
    grads[l.kernel.name] = tf.matMul(tf.transpose(a), dy);
    grads[l.bias.name] = tf.sum(dy, 0); // measured: cheaper than ones[1, b] · dy, whose fresh dy XNNPACK must pack
    if (i > 0) {
      const da = tf.matMul(dy, tf.transpose(l.kernel as tf.Tensor2D));
      dy = tf.mul(da, tf.step(a)) as tf.Tensor2D; // ReLU'(pre-activation) = 1 where its output a > 0
    } else if (inputGradCols > 0) {
      return tf.matMul(dy, tf.transpose(firstRows(l.kernel as tf.Tensor2D, inputGradCols))) as tf.Tensor2D;
    }
  }
  return null;
}

export interface ElboGradients {
  /** ∂(mean loss)/∂variable for every trainable variable, keyed by variable name (what Optimizer.applyGradients takes). */
  grads: tf.NamedTensorMap;
  /** [loss, recon, kl]: means per image in nats, loss = recon + klWeight · kl. */
  stats: tf.Tensor1D;
}

/**
 * Gradients of the mean negative ELBO (lib/model/vae.ts negElbo: BCE on logits + klWeight · KL, reparameterised
 * with z = mu + eps · exp(0.5 · logvar)) with respect to trainableVariables(m). The caller owns the returned tensors.
 *
 * @param x [b, 784] in [0, 1]; @param cond [b, condWidth] or null; @param eps [b, latent] standard normal
 * @param meanOver divide the batch sums by this instead of b: data-parallel workers each pass the full batch size,
 *   so the gradients (and stats) of their shards add up to those of the whole batch.
 */
export function negElboGradients(
  m: VaeModels,
  x: tf.Tensor2D,
  cond: tf.Tensor2D | null,
  eps: tf.Tensor2D,
  klWeight: number,
  meanOver: number = x.shape[0],
): ElboGradients {
  const latent = m.config.latentDim;
  const cw = conditionWidth(m.config.condition);
  const b = x.shape[0];
  if (x.rank !== 2 || x.shape[1] !== PIXELS) throw new Error(`x must be [batch, ${PIXELS}], got [${x.shape.join(", ")}]`);
  if (eps.rank !== 2 || eps.shape[0] !== b || eps.shape[1] !== latent) throw new Error(`eps must be [${b}, ${latent}]`);
  if ((cw === 0) !== (cond === null) || (cond && (cond.shape[0] !== b || cond.shape[1] !== cw))) {
    throw new Error(`condition must be ${cw === 0 ? "null" : `[${b}, ${cw}]`}`);
  }
  if (!Number.isFinite(klWeight) || klWeight < 0) throw new Error(`klWeight must be a finite number ≥ 0, got ${klWeight}`);
  if (!(meanOver >= b && meanOver > 0)) throw new Error(`meanOver must be ≥ the batch size ${b}, got ${meanOver}`);
  const enc = denseLayers(m.encoder);
  const dec = denseLayers(m.decoder);
  if (dec[dec.length - 1]?.activation !== "sigmoid") throw new Error("fastGrads: the decoder must end in a sigmoid layer");

  return tf.tidy(() => {
    const invB = 1 / meanOver;
    // Forward.
    const encFwd = forward(enc, cond ? tf.concat([x, cond], 1) : x);
    const [mu, logvar] = tf.split(encFwd.out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    const variance = tf.exp(logvar);
    const std = tf.exp(tf.mul(logvar, 0.5));
    const z = tf.add(mu, tf.mul(eps, std)) as tf.Tensor2D;
    const decFwd = forward(dec, cond ? tf.concat([z, cond], 1) : z);
    const logits = decFwd.out;

    // Loss values (sums over the batch, then means per image).
    const reconSum = tf.sub(tf.sum(tf.softplus(logits)), tf.sum(tf.mul(x, logits)));
    const klSum = tf.mul(tf.sum(tf.sub(tf.add(logvar, 1), tf.add(tf.square(mu), variance))), -0.5);
    const recon = tf.mul(reconSum, invB);
    const kl = tf.mul(klSum, invB);
    const stats = tf.stack([tf.add(recon, tf.mul(kl, klWeight)), recon, kl]) as tf.Tensor1D;

    // Backward: ∂recon/∂logits = (sigmoid(l) − x) / meanOver.
    const grads: tf.NamedTensorMap = {};
    const dLogits = tf.mul(tf.sub(tf.sigmoid(logits), x), invB) as tf.Tensor2D;
    const dz = backward(dec, decFwd, dLogits, latent, grads)!;
    // z = mu + eps·std; KL' wrt mu = mu/meanOver, wrt logvar = 0.5·(exp(logvar) − 1)/meanOver (times klWeight).
    const klScale = klWeight * invB;
    const dMu = tf.add(dz, tf.mul(mu, klScale));
    const dLogvar = tf.add(tf.mul(tf.mul(dz, tf.mul(eps, std)), 0.5), tf.mul(tf.sub(variance, 1), 0.5 * klScale));
    backward(enc, encFwd, tf.concat([dMu, dLogvar], 1) as tf.Tensor2D, 0, grads);
    return { grads, stats };
  });
}
