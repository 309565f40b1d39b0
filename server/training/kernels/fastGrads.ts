import * as tf from "@tensorflow/tfjs";
import type { VaeModels } from "../../../lib/model/build";
import { conditionWidth, PIXELS } from "../../../lib/model/config";
import { activationName, layerVariable } from "../../../lib/model/variables";
import {
  bernoulliLogits,
  denseBackwardT,
  denseForwardT,
  gaussianLatent,
  gaussianLatentGrad,
  gaussianLatentPrior,
  gaussianLatentPriorGrad,
  type Product,
  productByCopies,
  productByFlags,
} from "./fusedKernels";

/**
 * The training hot path: the negative ELBO's gradients by explicit backpropagation with tfjs ops, no tape.
 *
 * Why not tf.variableGrads: on the wasm backend the tape costs ~350 kernel launches per step (identity copies,
 * gradient accumulation adds, broadcast bookkeeping), and matMul with transposeA/transposeB misses XNNPACK's fast
 * path (8–10x slower). Why feature-major: XNNPACK packs the SECOND matMul operand on every call whose tensor it
 * has not seen (weights change every step, so always), and packing costs about as much as the multiply itself.
 * With activations stored transposed, hᵀ [features, batch], every product packs a batch-sized operand instead of
 * a weight matrix, so packing shrinks with the batch (and with data-parallel shards):
 *   forward   hᵀ_out = relu(Wᵀ · hᵀ_in + b)         packs hᵀ_in  [in, batch]
 *   backward  dhᵀ_in = W · dzᵀ                       packs dzᵀ    [out, batch]
 *             dW     = hᵀ_in · transpose(dzᵀ)         packs dz     [batch, out]
 *             db     = Σ_columns dzᵀ                  (innermost-axis sum, cheap on wasm)
 * All operands untransposed; the explicit transposes (Wᵀ, dz, the inputs) are cheap copies on small models.
 * With a GEMM that reads transposed operands in place (the server's native kernel, server/training/native), the
 * copies of Wᵀ and dz are pure cost (9 of cvae-inpaint's 38 ms): `transposeByFlags` passes the transpose to
 * matMul instead.
 * Same maths as lib/model/vae.ts negElbo (tests/unit/server/training/kernels/fastGrads.test.ts checks the gradients against
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
      const [kernel, bias] = layer.trainableWeights.map(layerVariable);
      if (!kernel || !bias || kernel.rank !== 2 || bias.rank !== 1)
        throw new Error(`layer ${layer.name} is not a Dense layer`);
      return { kernel, bias, activation: activationName(layer) };
    });
  layers.forEach((l, i) => {
    const last = i === layers.length - 1;
    if (!last && l.activation !== "relu") throw new Error(`fastGrads: hidden layers must be relu, got ${l.activation}`);
  });
  layerCache.set(model, layers);
  return layers;
}

interface Forward {
  /** Transposed inputs of each layer: hᵀ_0 = network input, hᵀ_i = ReLU output of layer i-1; [features, batch]. */
  inputsT: tf.Tensor2D[];
  /** [units of the last layer, batch], before any activation */
  outT: tf.Tensor2D;
}

/** Forward through Dense layers in feature-major layout; the last layer stays linear. */
function forward(layers: DenseLayer[], inputT: tf.Tensor2D, mm: Product): Forward {
  const inputsT: tf.Tensor2D[] = [];
  let h = inputT;
  layers.forEach((l, i) => {
    inputsT.push(h);
    h = denseForwardT(l.kernel as tf.Tensor2D, h, l.bias as tf.Tensor1D, i < layers.length - 1, mm);
  });
  return { inputsT, outT: h };
}

/**
 * Backward through Dense layers given dzᵀ = ∂loss/∂(last pre-activation)ᵀ [out, batch]. Writes dW/db into
 * `grads` and returns (∂loss/∂input)ᵀ restricted to the input's first `inputGradRows` features (0 = not needed).
 */
function backward(
  layers: DenseLayer[],
  fwd: Forward,
  dOutT: tf.Tensor2D,
  inputGradRows: number,
  grads: tf.NamedTensorMap,
  mm: Product,
): tf.Tensor2D | null {
  let dzT = dOutT;
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i]!;
    const kernel = l.kernel as tf.Tensor2D;
    // Hidden layers pass the whole input gradient through ReLU' (1 where the previous layer's output h > 0).
    const inRows = i > 0 ? kernel.shape[0] : inputGradRows;
    const { dW, db, dInT } = denseBackwardT(kernel, fwd.inputsT[i]!, dzT, inRows, i > 0, mm);
    grads[l.kernel.name] = dW;
    grads[l.bias.name] = db;
    if (i === 0) return dInT;
    dzT = dInT!;
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
 * with z = mu + eps · exp(0.5 · logvar); KL against N(0, I) or the model's learned label prior) with respect to
 * trainableVariables(m), the prior's parameters included. The caller owns the returned tensors.
 *
 * @param x [b, 784] in [0, 1]; @param cond [b, condWidth] or null; @param eps [b, latent] standard normal
 * @param meanOver divide the batch sums by this instead of b: data-parallel workers each pass the full batch size,
 *   so the gradients (and stats) of their shards add up to those of the whole batch.
 * @param opts.transposeByFlags pass transposes to matMul (for a GEMM that reads transposed operands in place)
 *   instead of copying them first (what XNNPACK's fast path needs). Same values either way.
 */
export function negElboGradients(
  m: VaeModels,
  x: tf.Tensor2D,
  cond: tf.Tensor2D | null,
  eps: tf.Tensor2D,
  klWeight: number,
  meanOver: number = x.shape[0],
  opts: { transposeByFlags?: boolean } = {},
): ElboGradients {
  const b = x.shape[0];
  const cw = conditionWidth(m.config.condition);
  if (x.rank !== 2 || x.shape[1] !== PIXELS)
    throw new Error(`x must be [batch, ${PIXELS}], got [${x.shape.join(", ")}]`);
  if (eps.rank !== 2 || eps.shape[0] !== b || eps.shape[1] !== m.config.latentDim)
    throw new Error(`eps must be [${b}, ${m.config.latentDim}]`);
  if ((cw === 0) !== (cond === null) || (cond && (cond.shape[0] !== b || cond.shape[1] !== cw))) {
    throw new Error(`condition must be ${cw === 0 ? "null" : `[${b}, ${cw}]`}`);
  }
  const xT = tf.transpose<tf.Tensor2D>(x);
  const epsT = tf.transpose<tf.Tensor2D>(eps);
  const condT = cond ? tf.transpose<tf.Tensor2D>(cond) : null;
  try {
    return negElboGradientsT(m, xT, condT, epsT, klWeight, meanOver, opts);
  } finally {
    tf.dispose(condT ? [xT, epsT, condT] : [xT, epsT]);
  }
}

/**
 * negElboGradients on feature-major inputs, the layout the step computes in: the training threads assemble
 * batches this way in plain arrays (server/training/parallel/batch.ts), which saves a transpose kernel per input.
 *
 * @param xT [784, b]; @param condT [condWidth, b] or null; @param epsT [latent, b]
 */
export function negElboGradientsT(
  m: VaeModels,
  xT: tf.Tensor2D,
  condT: tf.Tensor2D | null,
  epsT: tf.Tensor2D,
  klWeight: number,
  meanOver: number = xT.shape[1],
  opts: { transposeByFlags?: boolean } = {},
): ElboGradients {
  const mm = opts.transposeByFlags ? productByFlags : productByCopies;
  const latent = m.config.latentDim;
  const cw = conditionWidth(m.config.condition);
  const b = xT.shape[1];
  if (xT.rank !== 2 || xT.shape[0] !== PIXELS)
    throw new Error(`xT must be [${PIXELS}, batch], got [${xT.shape.join(", ")}]`);
  if (epsT.rank !== 2 || epsT.shape[0] !== latent || epsT.shape[1] !== b)
    throw new Error(`epsT must be [${latent}, ${b}]`);
  if ((cw === 0) !== (condT === null) || (condT && (condT.shape[0] !== cw || condT.shape[1] !== b))) {
    throw new Error(`condition must be ${cw === 0 ? "null" : `[${cw}, ${b}] (feature-major)`}`);
  }
  if (!Number.isFinite(klWeight) || klWeight < 0)
    throw new Error(`klWeight must be a finite number ≥ 0, got ${klWeight}`);
  if (!(meanOver >= b && meanOver > 0)) throw new Error(`meanOver must be ≥ the batch size ${b}, got ${meanOver}`);
  const enc = denseLayers(m.encoder);
  const dec = denseLayers(m.decoder);
  if (dec[dec.length - 1]?.activation !== "sigmoid")
    throw new Error("fastGrads: the decoder must end in a sigmoid layer");

  const prior = m.prior;
  if (prior && !condT) throw new Error("fastGrads: a label prior needs the one-hot condition");

  return tf.tidy(() => {
    const invB = 1 / meanOver;
    // Forward. With a label prior, each image's prior row [mean_y; logVar_y] is picked by its one-hot label:
    // priorᵀ = paramsᵀ · condᵀ [2·latent, b] (params [10, 2·latent]), one small product.
    const encFwd = forward(enc, condT ? tf.concat([xT, condT], 0) : xT, mm);
    const priorT = prior && condT ? mm(prior.params as tf.Tensor2D, condT, true, false) : null;
    // encFwd.outT = [mu; logvar], [2·latent, b]
    const { zT, klSum } = priorT ? gaussianLatentPrior(encFwd.outT, epsT, priorT) : gaussianLatent(encFwd.outT, epsT);
    const decFwd = forward(dec, condT ? tf.concat([zT, condT], 0) : zT, mm);

    // Loss values (sums over the batch, then means per image) and ∂recon/∂logits = (sigmoid(l) − x) / meanOver.
    const { sum: reconSum, grad: dLogitsT } = bernoulliLogits(decFwd.outT, xT, invB);
    const stats = tf.mul<tf.Tensor1D>(tf.stack([tf.add(reconSum, tf.mul(klSum, klWeight)), reconSum, klSum]), invB);

    // Backward: decoder, then through z = mu + eps·std and the KL term (klWeight / meanOver), then encoder.
    const grads: tf.NamedTensorMap = {};
    const dzT = backward(dec, decFwd, dLogitsT as tf.Tensor2D, latent, grads, mm)!;
    const klScale = klWeight * invB;
    if (priorT && prior && condT) {
      const { dEncT, dPriorT } = gaussianLatentPriorGrad(dzT, encFwd.outT, epsT, priorT, klScale);
      backward(enc, encFwd, dEncT, 0, grads, mm);
      // Each image's prior gradient goes back to its digit's row: ∂params = condᵀ · ∂priorᵀᵀ [10, 2·latent].
      grads[prior.params.name] = mm(condT, dPriorT, false, true);
    } else {
      backward(enc, encFwd, gaussianLatentGrad(dzT, encFwd.outT, epsT, klScale), 0, grads, mm);
    }
    return { grads, stats };
  });
}
