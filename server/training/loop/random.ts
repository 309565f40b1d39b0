import { centredHoleMask } from "../../../lib/data/masks";
import { IMAGE_SIZE, PIXELS } from "../../../lib/model/config";

/**
 * Seeded randomness for the training loop (shuffles, inpainting holes, tfjs op seeds), so a run with the
 * same config and data sees the same batches — also after a resume, since every stream derives from
 * (config.seed, epoch).
 */

/** mulberry32: tiny, fast, good enough for shuffling. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fills out[0, count) with standard normal samples from a seeded stream (Box–Muller over mulberry32): the
 * reparameterisation noise of a training step. Not tf.randomNormal(…).dataSync(): its generator set-up, upload and
 * download cost more than the numbers (docs/performance.md).
 */
export function gaussianFill(out: Float32Array, seed: number, count = out.length): Float32Array {
  if (count > out.length) throw new Error(`gaussianFill: count ${count} exceeds the array (${out.length})`);
  const rand = mulberry32(seed);
  for (let i = 0; i < count; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - rand())); // 1 − rand() is in (0, 1]: no log(0)
    const angle = 2 * Math.PI * rand();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

/** Derives a stream seed from the run seed and a purpose/epoch pair (stays a positive 31-bit int). */
export function deriveSeed(seed: number, purpose: number, index: number): number {
  let h = (seed ^ Math.imul(purpose + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (index + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h & 0x7fffffff;
}

/** Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, rand: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i] ?? 0;
    p[i] = p[j] ?? 0;
    p[j] = t;
  }
  return p;
}

/** Probability that a training image gets the seed's centred 10x10 hole rather than a random rectangle. */
export const CENTRED_HOLE_SHARE = 0.5;
const HOLE_MIN = 6;
const HOLE_MAX = 16;
const CENTRED = centredHoleMask(10);

/**
 * Training masks for inpainting, [batch * 784] (1 = observed). Half the images get the evaluation hole (centred
 * 10x10), the rest a random rectangle of 6..16 pixels a side anywhere: random holes make the model fill more
 * than one shape and generalise better, while the centred one stays well trained for evaluation.
 */
export function trainingMasks(batch: number, rand: () => number, out = new Float32Array(batch * PIXELS)): Float32Array {
  for (let b = 0; b < batch; b++) {
    const base = b * PIXELS;
    if (rand() < CENTRED_HOLE_SHARE) {
      out.set(CENTRED, base);
      continue;
    }
    out.fill(1, base, base + PIXELS);
    const h = HOLE_MIN + Math.floor(rand() * (HOLE_MAX - HOLE_MIN + 1));
    const w = HOLE_MIN + Math.floor(rand() * (HOLE_MAX - HOLE_MIN + 1));
    const top = Math.floor(rand() * (IMAGE_SIZE - h + 1));
    const left = Math.floor(rand() * (IMAGE_SIZE - w + 1));
    for (let r = top; r < top + h; r++) out.fill(0, base + r * IMAGE_SIZE + left, base + r * IMAGE_SIZE + left + w);
  }
  return out;
}
