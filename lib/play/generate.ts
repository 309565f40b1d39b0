import { PIXELS } from "../model/config";
import type { ConditionInput } from "./conditions";
import { decodeBytes, encodeBatchMeans, sampleLatents } from "./decode";
import { LABEL_ROWS, labelRowDigits, RECONSTRUCTION_ROWS } from "../images/grid";
import { stackRows, type PlayGrid } from "./grid";
import type { PlayModel } from "./playModel";
import { noiseToPrior, samplePriorLatents } from "./prior";

/** Evenly spaced values from `from` to `to` inclusive. */
export function linspace(from: number, to: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 1) throw new Error("steps must be a positive integer");
  if (steps === 1) return [(from + to) / 2];
  return Array.from({ length: steps }, (_, i) => from + ((to - from) * i) / (steps - 1));
}

function checkGridSize(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || rows > 64 || cols > 64) {
    throw new Error(`grid must be 1-64 x 1-64 tiles, got ${rows} x ${cols}`);
  }
}

/**
 * rows x cols samples from the model's prior (seeded; a learned label prior for label models that have one). Label
 * models draw `digit` (default 0); inpaint models a free sample.
 */
export function priorGrid(
  m: PlayModel,
  opts: { rows: number; cols: number; temperature: number; seed: number; digit?: number },
): PlayGrid {
  checkGridSize(opts.rows, opts.cols);
  const n = opts.rows * opts.cols;
  const z = samplePriorLatents(m, n, opts.temperature, opts.seed, { digit: opts.digit ?? 0 });
  const pixels = decodeBytes(m, z, { digit: opts.digit });
  return { rows: opts.rows, cols: opts.cols, pixels };
}

/**
 * Label models: one row per digit 0..9, the same noise ε in each column, so a column shows one "style"
 * across digits (the seed's picture 4). With a learned label prior each row maps ε through its digit's Gaussian.
 */
export function labelRowsGrid(m: PlayModel, opts: { cols: number; temperature: number; seed: number }): PlayGrid {
  if (m.condition !== "label") throw new Error("digit rows need a model conditioned on labels (cvae-label)");
  if (opts.temperature < 0) throw new Error("temperature must be >= 0");
  checkGridSize(10, opts.cols);
  const eps = sampleLatents(m.latentDim, opts.cols, 1, opts.seed);
  const zAll = new Float32Array(10 * eps.length);
  for (let d = 0; d < 10; d++) zAll.set(eps, d * eps.length);
  const digits = labelRowDigits(opts.cols);
  noiseToPrior(m.prior, zAll, m.latentDim, opts.temperature, digits);
  const pixels = decodeBytes(m, zAll, { digits });
  return { rows: 10, cols: opts.cols, pixels, rowLabels: [...LABEL_ROWS] };
}

function checkLatent(m: PlayModel, z: ArrayLike<number>): void {
  if (z.length !== m.latentDim) throw new Error(`latent vector has ${z.length} dims, expected ${m.latentDim}`);
}

function checkDim(m: PlayModel, d: number): void {
  if (!Number.isInteger(d) || d < 0 || d >= m.latentDim)
    throw new Error(`latent dimension ${d} out of range 0-${m.latentDim - 1}`);
}

/** One digit for one latent vector (the live slider view). */
export function decodeOne(m: PlayModel, z: ArrayLike<number>, c: ConditionInput = {}): PlayGrid {
  checkLatent(m, z);
  return { rows: 1, cols: 1, pixels: decodeBytes(m, z, c) };
}

/**
 * A grid over two latent dimensions around `base`: row r sets dims[1] (top = +range), column c sets
 * dims[0] (left = -range); other dimensions keep `base`. With base = 0 and latent 2 this is the
 * classic 2-D latent map over [-range, range]^2.
 */
export function latentPlaneGrid(
  m: PlayModel,
  opts: { base?: ArrayLike<number>; dims: [number, number]; steps: number; range?: number } & ConditionInput,
): PlayGrid {
  const [dx, dy] = opts.dims;
  checkDim(m, dx);
  checkDim(m, dy);
  if (dx === dy) throw new Error("choose two different latent dimensions");
  checkGridSize(opts.steps, opts.steps);
  const range = opts.range ?? 3;
  const base = opts.base ?? new Float32Array(m.latentDim);
  checkLatent(m, base);
  const xs = linspace(-range, range, opts.steps);
  const ys = linspace(range, -range, opts.steps);
  const z = new Float32Array(opts.steps * opts.steps * m.latentDim);
  let k = 0;
  for (const y of ys) {
    for (const x of xs) {
      z.set(Array.from(base), k * m.latentDim);
      z[k * m.latentDim + dx] = x;
      z[k * m.latentDim + dy] = y;
      k++;
    }
  }
  const pixels = decodeBytes(m, z, opts);
  const fmt = (v: number) => v.toFixed(1);
  return { rows: opts.steps, cols: opts.steps, pixels, rowLabels: ys.map(fmt), colLabels: xs.map(fmt) };
}

/** Latent traversal: one row per dimension in `dims`, sweeping it over [-range, range] from `base`. */
export function traversalGrid(
  m: PlayModel,
  opts: { base: ArrayLike<number>; dims: number[]; steps: number; range?: number } & ConditionInput,
): PlayGrid {
  checkLatent(m, opts.base);
  opts.dims.forEach((d) => checkDim(m, d));
  checkGridSize(opts.dims.length, opts.steps);
  const values = linspace(-(opts.range ?? 3), opts.range ?? 3, opts.steps);
  const z = new Float32Array(opts.dims.length * opts.steps * m.latentDim);
  let k = 0;
  for (const d of opts.dims) {
    for (const v of values) {
      z.set(Array.from(opts.base), k * m.latentDim);
      z[k * m.latentDim + d] = v;
      k++;
    }
  }
  return {
    rows: opts.dims.length,
    cols: opts.steps,
    pixels: decodeBytes(m, z, opts),
    rowLabels: opts.dims.map((d) => `z${d}`),
    colLabels: values.map((v) => v.toFixed(1)),
  };
}

/** Linear interpolation from `from` to `to` in `steps` tiles (one row). */
export function interpolationGrid(
  m: PlayModel,
  opts: { from: ArrayLike<number>; to: ArrayLike<number>; steps: number } & ConditionInput,
): PlayGrid {
  checkLatent(m, opts.from);
  checkLatent(m, opts.to);
  checkGridSize(1, opts.steps);
  const ts = linspace(0, 1, opts.steps);
  const z = new Float32Array(opts.steps * m.latentDim);
  ts.forEach((t, k) => {
    for (let i = 0; i < m.latentDim; i++) {
      z[k * m.latentDim + i] = (1 - t) * (opts.from[i] ?? 0) + t * (opts.to[i] ?? 0);
    }
  });
  return { rows: 1, cols: opts.steps, pixels: decodeBytes(m, z, opts) };
}

/**
 * Reconstructions for models without an inpainting condition: row "original", row "reconstruction"
 * (decoder at the encoder's mean). Label models need `labels` (one per image).
 */
export function reconstructionGrid(m: PlayModel, images: Uint8Array, labels?: ArrayLike<number>): PlayGrid {
  if (m.condition === "inpaint") throw new Error("inpainting models reconstruct through the inpainting panel");
  const n = images.length / PIXELS;
  if (!Number.isInteger(n) || n < 1) throw new Error("images must be n * 784 bytes");
  checkGridSize(2, n);
  if (m.condition === "label" && (!labels || labels.length !== n))
    throw new Error("a label model needs one label per image");
  const digits = labels ? Array.from(labels) : undefined;
  const mu = encodeBatchMeans(m, images, digits);
  const recon = decodeBytes(m, mu, { digits });
  return stackRows([images.slice(), recon], n, RECONSTRUCTION_ROWS);
}
