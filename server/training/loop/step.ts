import * as tf from "@tensorflow/tfjs";
import type { VaeModels } from "../../../lib/model/build";
import { buildCondition } from "../../../lib/model/conditions";
import { PIXELS } from "../../../lib/model/config";
import { negElbo } from "../../../lib/model/vae";

/** What stays fixed across the steps of a run. */
export interface StepContext {
  models: VaeModels;
  vars: tf.Variable[];
  optimizer: tf.Optimizer;
  /** [n, 784] the whole training set in [0, 1] and its labels [n] int32, made once per run. */
  trainX: tf.Tensor2D;
  trainY: tf.Tensor1D;
}

export interface StepInput {
  /** [n] int32 permutation of this epoch; the batch is perm[start, start + size). */
  perm: tf.Tensor1D;
  start: number;
  size: number;
  klWeight: number;
  epsSeed: number;
  /** size * 784 inpainting masks (1 = observed) for "inpaint" models, else null. */
  masks: Float32Array | null;
}

/**
 * One Adam step on one batch. Returns [loss, recon, kl] (means per image, nats) as a tensor the caller owns;
 * nothing is read back here, so the step never waits on the backend.
 */
export function trainStep(ctx: StepContext, s: StepInput): tf.Tensor1D {
  const { models, vars, optimizer } = ctx;
  const condition = models.config.condition;
  return tf.tidy(() => {
    const idx = tf.slice(s.perm, [s.start], [s.size]);
    const x = tf.gather(ctx.trainX, idx) as tf.Tensor2D;
    const labels = condition === "label" ? (tf.gather(ctx.trainY, idx) as tf.Tensor1D) : null;
    const mask = s.masks ? tf.tensor2d(s.masks.subarray(0, s.size * PIXELS), [s.size, PIXELS]) : null;
    const cond = buildCondition(condition, x, labels, mask);
    const eps = tf.randomNormal([s.size, models.config.latentDim], 0, 1, "float32", s.epsSeed) as tf.Tensor2D;
    let stats: tf.Tensor1D | undefined;
    const { grads } = tf.variableGrads(() => {
      const r = negElbo(models, x, cond, eps, s.klWeight);
      // keep: survives variableGrads' inner scope; the outer tidy returns it to the caller.
      stats = tf.keep(tf.stack([r.loss, r.recon, r.kl]) as tf.Tensor1D);
      return r.loss;
    }, vars);
    optimizer.applyGradients(grads as tf.NamedTensorMap as Parameters<typeof optimizer.applyGradients>[0]);
    if (!stats) throw new Error("trainStep: the loss was not computed");
    return stats;
  });
}
