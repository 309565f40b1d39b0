import * as tf from "@tensorflow/tfjs";
import { registeredKernel } from "./kernelRegistry";

/**
 * Optional fused kernels of the training step. A backend may register them under these names (the server
 * registers native ones on wasm, server/training/native/fusedKernels.ts); each function here runs the fused
 * kernel when the active backend has it and otherwise composes the same maths from stock tfjs ops, so results
 * never depend on which path ran (tests/unit/server/training/native/ compares the two).
 *
 * Layout is feature-major, as in fastGrads.ts: activations are [features, batch].
 */
export const BERNOULLI_LOGITS = "VaeBernoulliLogits";
export const DENSE_FORWARD_T = "VaeDenseForwardT";
export const DENSE_BACKWARD_T = "VaeDenseBackwardT";
export const GAUSSIAN_LATENT = "VaeGaussianLatent";
export const GAUSSIAN_LATENT_GRAD = "VaeGaussianLatentGrad";
export const GAUSSIAN_LATENT_PRIOR = "VaeGaussianLatentPrior";
export const GAUSSIAN_LATENT_PRIOR_GRAD = "VaeGaussianLatentPriorGrad";
export const BERNOULLI_ROW_LOGLIK = "VaeBernoulliRowLogLik";

const fused = (name: string): boolean => registeredKernel(name, tf.getBackend()) !== undefined;
// tfjs internals: runKernel is typed TensorInfo | TensorInfo[] (its public API wraps the result); the engine returns
// Tensors, and our kernels always return an array of outputs.
const run = (name: string, inputs: tf.NamedTensorMap, attrs: Record<string, number | boolean> = {}): tf.Tensor[] =>
  tf.engine().runKernel(name, inputs, attrs) as unknown as tf.Tensor[];

/**
 * How the stock-op compositions multiply with a transposed operand: by matMul's flags (for a GEMM that reads
 * transposed operands in place) or by an explicit transpose copy first (XNNPACK's fast path needs that).
 */
export type Product = (a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean) => tf.Tensor2D;
export const productByFlags: Product = (a, b, ta, tb) => tf.matMul(a, b, ta, tb);
export const productByCopies: Product = (a, b, ta, tb) => tf.matMul(ta ? tf.transpose(a) : a, tb ? tf.transpose(b) : b);

/**
 * The Bernoulli negative log-likelihood of pixels x given logits l: Σ softplus(l) − x·l (a scalar) and its
 * gradient (sigmoid(l) − x) · scale (softplus alone is a slow scalar kernel on wasm).
 */
export function bernoulliLogits(logits: tf.Tensor, x: tf.Tensor, scale: number): { sum: tf.Scalar; grad: tf.Tensor } {
  if (fused(BERNOULLI_LOGITS)) {
    const [grad, sum] = run(BERNOULLI_LOGITS, { logits, x }, { scale });
    return { sum: sum as tf.Scalar, grad: grad! };
  }
  return tf.tidy(() => ({
    sum: tf.sub<tf.Scalar>(tf.sum(tf.softplus(logits)), tf.sum(tf.mul(x, logits))),
    grad: tf.mul(tf.sub(tf.sigmoid(logits), x), scale),
  }));
}

/** One Dense layer forward: Wᵀ·hᵀ + bias (per row), then ReLU if `relu`. @param w [in, out] @param hT [in, b] */
export function denseForwardT(
  w: tf.Tensor2D,
  hT: tf.Tensor2D,
  bias: tf.Tensor1D,
  relu: boolean,
  mm: Product,
): tf.Tensor2D {
  if (fused(DENSE_FORWARD_T)) return run(DENSE_FORWARD_T, { w, hT, bias }, { relu })[0] as tf.Tensor2D;
  return tf.tidy(() => {
    const pre = tf.add<tf.Tensor2D>(mm(w, hT, true, false), tf.reshape(bias, [-1, 1]));
    return relu ? tf.relu(pre) : pre;
  });
}

/**
 * One Dense layer backward from dzᵀ = ∂loss/∂(pre-activation)ᵀ [out, b]: dW = hᵀ·dz [in, out], db = Σ_columns dzᵀ,
 * and with inRows > 0 the input gradient of the first inRows input features, W[:inRows]·dzᵀ, masked by ReLU'
 * (hᵀ > 0, hᵀ being the previous layer's ReLU output) when `reluMask`.
 */
export function denseBackwardT(
  w: tf.Tensor2D,
  hT: tf.Tensor2D,
  dzT: tf.Tensor2D,
  inRows: number,
  reluMask: boolean,
  mm: Product,
): { dW: tf.Tensor2D; db: tf.Tensor1D; dInT: tf.Tensor2D | null } {
  if (reluMask && inRows !== w.shape[0])
    throw new Error("denseBackwardT: the ReLU mask needs the whole input gradient");
  if (fused(DENSE_BACKWARD_T)) {
    const [dW, db, dInT] = run(DENSE_BACKWARD_T, { w, hT, dzT }, { inRows, reluMask });
    return { dW: dW as tf.Tensor2D, db: db as tf.Tensor1D, dInT: inRows > 0 ? (dInT as tf.Tensor2D) : null };
  }
  const [dW, db, dInT] = tf.tidy(() => {
    const out: tf.Tensor[] = [mm(hT, dzT, false, true), tf.sum(dzT, 1)];
    if (inRows > 0) {
      // The first rows by gather: wasm's Slice kernel copies its whole input to JS first.
      const wRows = inRows === w.shape[0] ? w : tf.gather<tf.Tensor2D>(w, tf.range(0, inRows, 1, "int32"));
      const dIn = tf.matMul(wRows, dzT);
      out.push(reluMask ? tf.mul(dIn, tf.step(hT)) : dIn);
    }
    return out;
  });
  return { dW: dW as tf.Tensor2D, db: db as tf.Tensor1D, dInT: (dInT as tf.Tensor2D | undefined) ?? null };
}

/**
 * The reparameterised latent from the encoder output encᵀ = [mu; logvar] [2L, b]: zᵀ = mu + eps·exp(logvar / 2)
 * [L, b], and Σ KL(q(z|x) ‖ N(0, I)) = −½ Σ (1 + logvar − mu² − e^logvar) over the batch.
 */
export function gaussianLatent(encT: tf.Tensor2D, epsT: tf.Tensor2D): { zT: tf.Tensor2D; klSum: tf.Scalar } {
  if (fused(GAUSSIAN_LATENT)) {
    const [zT, klSum] = run(GAUSSIAN_LATENT, { encT, epsT });
    return { zT: zT as tf.Tensor2D, klSum: klSum as tf.Scalar };
  }
  return tf.tidy(() => {
    const [mu, logvar] = tf.split(encT, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
    const zT = tf.add<tf.Tensor2D>(mu, tf.mul(epsT, tf.exp(tf.mul(logvar, 0.5))));
    const klSum = tf.mul<tf.Scalar>(tf.sum(tf.sub(tf.add(logvar, 1), tf.add(tf.square(mu), tf.exp(logvar)))), -0.5);
    return { zT, klSum };
  });
}

/**
 * ∂loss/∂encᵀ [2L, b] given dzᵀ = ∂recon/∂zᵀ and klScale = β / batch:
 * [dz + klScale·mu; ½·dz·eps·e^(logvar/2) + ½·klScale·(e^logvar − 1)].
 */
export function gaussianLatentGrad(
  dzT: tf.Tensor2D,
  encT: tf.Tensor2D,
  epsT: tf.Tensor2D,
  klScale: number,
): tf.Tensor2D {
  if (fused(GAUSSIAN_LATENT_GRAD)) return run(GAUSSIAN_LATENT_GRAD, { dzT, encT, epsT }, { klScale })[0] as tf.Tensor2D;
  return tf.tidy(() => {
    const [mu, logvar] = tf.split(encT, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
    const std = tf.exp(tf.mul(logvar, 0.5));
    const dMu = tf.add(dzT, tf.mul(mu, klScale));
    const dLogvar = tf.add(
      tf.mul(tf.mul(dzT, tf.mul(epsT, std)), 0.5),
      tf.mul(tf.sub(tf.exp(logvar), 1), 0.5 * klScale),
    );
    return tf.concat([dMu, dLogvar], 0) as tf.Tensor2D;
  });
}

/**
 * gaussianLatent against a per-image Gaussian prior N(m, e^s) instead of N(0, I) (the learned label prior, its rows
 * gathered per image): priorᵀ = [m; s] [2L, b]. zᵀ as before, and
 * Σ KL = ½ Σ (s − logvar + (e^logvar + (mu − m)²)·e^−s − 1) over the batch.
 */
export function gaussianLatentPrior(
  encT: tf.Tensor2D,
  epsT: tf.Tensor2D,
  priorT: tf.Tensor2D,
): { zT: tf.Tensor2D; klSum: tf.Scalar } {
  if (fused(GAUSSIAN_LATENT_PRIOR)) {
    const [zT, klSum] = run(GAUSSIAN_LATENT_PRIOR, { encT, epsT, priorT });
    return { zT: zT as tf.Tensor2D, klSum: klSum as tf.Scalar };
  }
  return tf.tidy(() => {
    const [mu, logvar] = tf.split(encT, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
    const [m, s] = tf.split(priorT, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
    const zT = tf.add<tf.Tensor2D>(mu, tf.mul(epsT, tf.exp(tf.mul(logvar, 0.5))));
    const spread = tf.mul(tf.add(tf.exp(logvar), tf.square(tf.sub(mu, m))), tf.exp(tf.neg(s)));
    const klSum = tf.mul<tf.Scalar>(tf.sum(tf.sub(tf.add(tf.sub(s, logvar), spread), 1)), 0.5);
    return { zT, klSum };
  });
}

/**
 * Gradients of gaussianLatentPrior given dzᵀ = ∂recon/∂zᵀ and klScale = β / batch, with d = mu − m:
 *   ∂encᵀ   = [dz + klScale·d·e^−s;  ½·dz·eps·e^(logvar/2) + ½·klScale·(e^(logvar−s) − 1)]
 *   ∂priorᵀ = [−klScale·d·e^−s;      ½·klScale·(1 − (e^logvar + d²)·e^−s)]        both [2L, b]
 */
export function gaussianLatentPriorGrad(
  dzT: tf.Tensor2D,
  encT: tf.Tensor2D,
  epsT: tf.Tensor2D,
  priorT: tf.Tensor2D,
  klScale: number,
): { dEncT: tf.Tensor2D; dPriorT: tf.Tensor2D } {
  if (fused(GAUSSIAN_LATENT_PRIOR_GRAD)) {
    const [dEncT, dPriorT] = run(GAUSSIAN_LATENT_PRIOR_GRAD, { dzT, encT, epsT, priorT }, { klScale });
    return { dEncT: dEncT as tf.Tensor2D, dPriorT: dPriorT as tf.Tensor2D };
  }
  const [dEncT, dPriorT] = tf.tidy(() => {
    const [mu, logvar] = tf.split(encT, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
    const [m, s] = tf.split(priorT, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
    const invVar = tf.exp(tf.neg(s));
    const d = tf.sub(mu, m);
    const pull = tf.mul(tf.mul(d, invVar), klScale); // klScale·(mu − m)·e^−s
    const ratio = tf.mul(tf.exp(logvar), invVar); // e^(logvar − s)
    const dMu = tf.add(dzT, pull);
    const dLogvar = tf.add(
      tf.mul(tf.mul(dzT, tf.mul(epsT, tf.exp(tf.mul(logvar, 0.5)))), 0.5),
      tf.mul(tf.sub(ratio, 1), 0.5 * klScale),
    );
    const dM = tf.neg(pull);
    const dS = tf.mul(tf.sub(1, tf.add(ratio, tf.mul(tf.square(d), invVar))), 0.5 * klScale);
    return [tf.concat([dMu, dLogvar], 0), tf.concat([dM, dS], 0)];
  });
  return { dEncT: dEncT as tf.Tensor2D, dPriorT: dPriorT as tf.Tensor2D };
}

/**
 * log p(x | z) of a Bernoulli decoder per sample: Σ_pixels x·l − softplus(l) for every row of logits [rows, 784],
 * where row r is scored against image r / repeats of x [rows / repeats, 784] (k importance samples per image,
 * image-major). Evaluation only (server/eval/iwae.ts); no gradient.
 */
export function bernoulliRowLogLik(logits: tf.Tensor2D, x: tf.Tensor2D, repeats: number): tf.Tensor1D {
  const [rows, cols] = logits.shape;
  if (
    !Number.isInteger(repeats) ||
    repeats < 1 ||
    rows % repeats !== 0 ||
    x.shape[0] !== rows / repeats ||
    x.shape[1] !== cols
  ) {
    throw new Error(
      `bernoulliRowLogLik: logits [${logits.shape.join(", ")}] and x [${x.shape.join(", ")}] do not fit ${repeats} repeats`,
    );
  }
  if (fused(BERNOULLI_ROW_LOGLIK)) return run(BERNOULLI_ROW_LOGLIK, { logits, x }, { repeats })[0] as tf.Tensor1D;
  return tf.tidy(() => {
    const xs = repeats === 1 ? x : tf.reshape<tf.Rank.R2>(tf.tile(tf.expandDims(x, 1), [1, repeats, 1]), [rows, cols]);
    return tf.sub<tf.Tensor1D>(tf.sum(tf.mul(xs, logits), 1), tf.sum(tf.softplus(logits), 1));
  });
}
