import * as tf from "@tensorflow/tfjs";
import type { LatentProjection, LatentScatterData } from "../../../lib/contracts/latent";
import { projectLatents, type LatentProjection as Projected } from "../../../lib/latent/projection";
import type { VaeModels } from "../../../lib/model/build";
import { buildCondition } from "../../../lib/model/conditions";
import { PIXELS } from "../../../lib/model/config";
import { encode } from "../../../lib/model/vae";

/**
 * The latent scatter of the training loop: every epoch, the encoder means μ of a fixed set of test images (the
 * first LATENT_SCATTER_IMAGES of the test split, with their true condition as for the test ELBO), projected to 2-D
 * by lib/latent/projection.ts and aligned with the previous epoch's points so the picture does not flip.
 */

export const LATENT_SCATTER_IMAGES = 2000;

export interface LatentScatterFixture {
  /** [n, 784] in [0, 1] */
  x: tf.Tensor2D;
  /** [n, condWidth] or null */
  cond: tf.Tensor2D | null;
  labels: Uint8Array;
  /** The last epoch's points (2 · n), the orientation to keep. */
  previous: Float32Array | null;
}

/** points and labels are fresh buffers each epoch, owned by the receiver (the worker transfers them). */
export type LatentScatter = LatentScatterData;

/** @param hole [1, 784] the evaluation hole for inpainting models */
export function prepareLatentScatter(
  m: VaeModels,
  test: { images: Uint8Array; labels: Uint8Array; count: number },
  hole: tf.Tensor2D,
  count = LATENT_SCATTER_IMAGES,
): LatentScatterFixture {
  const n = Math.min(count, test.count);
  const labels = test.labels.slice(0, n);
  const x = tf.tidy(() =>
    tf.div<tf.Tensor2D>(tf.tensor2d(test.images.subarray(0, n * PIXELS), [n, PIXELS], "int32"), 255),
  );
  const labelTensor = tf.tensor1d(labels, "int32");
  const cond = buildCondition(m.config.condition, x, labelTensor, hole);
  labelTensor.dispose();
  return { x, cond, labels, previous: null };
}

/** Encodes and projects the fixed images with the models as they are now; remembers the points for next time. */
export function latentScatter(m: VaeModels, fx: LatentScatterFixture, epoch: number): LatentScatter {
  const mu = tf.tidy(() => encode(m, fx.x, fx.cond).mu);
  const values = mu.dataSync() as Float32Array; // read outside tidy: tidy would walk the array element by element
  mu.dispose();
  const n = fx.labels.length;
  const projected = projectLatents(values, n, m.config.latentDim, fx.previous);
  fx.previous = projected.points.slice();
  return { epoch, projection: projectionOf(projected), points: projected.points, labels: fx.labels.slice() };
}

/** The projection's basis as plain numbers (what the contracts carry): mean and axes for PCA, nothing at latent 2. */
export function projectionOf(p: Projected): LatentProjection {
  if (p.method === "identity" || !p.axes || !p.mean)
    return { method: "identity", mean: null, axes: null, explained: null };
  const L = p.mean.length;
  return {
    method: "pca",
    mean: Array.from(p.mean),
    axes: [Array.from(p.axes.subarray(0, L)), Array.from(p.axes.subarray(L, 2 * L))],
    explained: p.explained,
  };
}

export function disposeLatentScatter(fx: LatentScatterFixture): void {
  tf.dispose(fx.cond ? [fx.x, fx.cond] : [fx.x]);
}
