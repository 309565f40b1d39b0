import * as tf from "@tensorflow/tfjs";
import { PIXELS } from "../model/config";
import { buildConditionTensor, type ConditionInput } from "./conditions";
import { probsToBytes } from "../images/grid";
import type { PlayModel } from "./playModel";

/**
 * z [b, latentDim] (+ cond [b, condWidth]) -> decoder probabilities [b, 784].
 * The caller owns (and disposes) the returned tensor; intermediates are freed.
 */
export function decodeTensor(m: PlayModel, z: tf.Tensor2D, cond: tf.Tensor2D | null): tf.Tensor2D {
  if (z.shape[1] !== m.latentDim) throw new Error(`z has ${z.shape[1]} dims, the model's latent has ${m.latentDim}`);
  return tf.tidy(() => {
    const input = cond ? tf.concat([z, cond], 1) : z;
    // apply() runs the layers directly; predict() adds batching (32 rows at a time) and checks that cost ~3x here.
    return m.decoder.apply(input) as tf.Tensor2D;
  });
}

/**
 * Reads a tensor's values and frees it. Values are read outside tf.tidy on purpose: tidy walks the
 * returned container element by element, which costs ~10x the decode itself for a 100 x 784 array.
 */
function readAndDispose(t: tf.Tensor): Float32Array {
  try {
    return t.dataSync() as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Flat latent vectors (b * latentDim numbers) -> b * 784 probabilities. No tensors outlive the call. */
export function decodeProbs(m: PlayModel, zFlat: ArrayLike<number>, c: ConditionInput = {}): Float32Array {
  const batch = zFlat.length / m.latentDim;
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`z length ${zFlat.length} is not a multiple of ${m.latentDim}`);
  const probs = tf.tidy(() => {
    const z = tf.tensor2d(Float32Array.from(zFlat), [batch, m.latentDim]);
    return decodeTensor(m, z, buildConditionTensor(m, batch, c));
  });
  return readAndDispose(probs);
}

/** Like decodeProbs, as 0..255 tiles. */
export function decodeBytes(m: PlayModel, zFlat: ArrayLike<number>, c: ConditionInput = {}): Uint8Array {
  return probsToBytes(decodeProbs(m, zFlat, c));
}

/** The encoder's mean mu [latentDim] for one image (784 bytes 0..255): where a digit sits in latent space. */
export function encodeMean(m: PlayModel, image: Uint8Array, c: ConditionInput = {}): number[] {
  if (image.length !== PIXELS) throw new Error(`an image has 784 pixels, got ${image.length}`);
  const mu = tf.tidy(() => {
    const x = tf.tensor2d(
      Float32Array.from(image, (v) => v / 255),
      [1, PIXELS],
    );
    const cond = buildConditionTensor(m, 1, c);
    const out = m.encoder.apply(cond ? tf.concat([x, cond], 1) : x) as tf.Tensor2D;
    return out.slice([0, 0], [1, m.latentDim]);
  });
  return Array.from(readAndDispose(mu));
}

/**
 * Seeded standard normal draws z ~ N(0, temperature^2) as a flat array [count * latentDim]: the standard prior's
 * samples, and the noise ε of every other prior (lib/play/prior.ts samplePriorLatents uses this for all models).
 * Same seed -> same numbers on every backend (tfjs draws seeded normals in JS).
 */
export function sampleLatents(latentDim: number, count: number, temperature: number, seed: number): Float32Array {
  if (temperature < 0) throw new Error("temperature must be >= 0");
  if (temperature === 0) return new Float32Array(count * latentDim);
  return readAndDispose(tf.randomNormal([count, latentDim], 0, temperature, "float32", seed));
}

/** Encoder means [n * latentDim] for n images (bytes). */
export function encodeBatchMeans(m: PlayModel, images: Uint8Array, digits?: number[]): Float32Array {
  const n = images.length / PIXELS;
  const mu = tf.tidy(() => {
    const x = tf.tensor2d(
      Float32Array.from(images, (v) => v / 255),
      [n, PIXELS],
    );
    const cond = buildConditionTensor(m, n, { digits });
    const out = m.encoder.apply(cond ? tf.concat([x, cond], 1) : x) as tf.Tensor2D;
    return out.slice([0, 0], [n, m.latentDim]);
  });
  return readAndDispose(mu);
}
