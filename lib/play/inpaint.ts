import { PIXELS } from "../model/config";
import { decodeProbs, sampleLatents } from "./decode";
import { INPAINT_ROWS, probsToBytes } from "../images/grid";
import { stackRows, type PlayGrid } from "./grid";
import type { PlayModel } from "./playModel";

/**
 * Grey level of missing pixels in the "flawed" row: a zeroed hole would vanish on the dark tile,
 * so the hole is drawn visibly (the model itself still sees zeros there).
 */
export const HOLE_SHADE = 70;

export interface InpaintResult {
  /** 3 rows x n images: flawed / filled (z = 0) / original — the seed's pictures 6–7. */
  grid: PlayGrid;
  /** 1 row x k: prior samples (seeded) for the FIRST image, observed pixels pasted back. */
  samples: PlayGrid;
}

const observed = (mask: Float32Array, i: number) => (mask[i] ?? 0) >= 0.5;

/** The image as the model sees it, with the hole drawn in HOLE_SHADE. */
export function flawedTile(image: Uint8Array, mask: Float32Array): Uint8Array {
  const out = new Uint8Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) out[i] = observed(mask, i) ? (image[i] ?? 0) : HOLE_SHADE;
  return out;
}

/** Keeps every observed pixel byte-exact; the decoder only paints the missing ones. */
export function pasteObserved(decoded: Uint8Array, image: Uint8Array, mask: Float32Array): Uint8Array {
  const out = decoded.slice();
  for (let i = 0; i < PIXELS; i++) if (observed(mask, i)) out[i] = image[i] ?? 0;
  return out;
}

/**
 * Fills the missing pixels (mask 0) of n images (n * 784 bytes) with one inpainting CVAE decode each
 * at z = 0 (the most likely fill), plus `samples` seeded prior samples for the first image.
 * Works for "inpaint" models only: the condition is (image * mask) ++ mask.
 */
export function inpaint(
  m: PlayModel,
  images: Uint8Array,
  mask: Float32Array,
  opts: { samples?: number; temperature?: number; seed?: number } = {},
): InpaintResult {
  if (m.condition !== "inpaint")
    throw new Error("inpainting needs a model conditioned on visible pixels (cvae-inpaint)");
  if (mask.length !== PIXELS) throw new Error("mask must have 784 values");
  const n = images.length / PIXELS;
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error("images must be 1-64 tiles of 784 bytes");
  const k = opts.samples ?? 0;
  if (!Number.isInteger(k) || k < 0 || k > 64) throw new Error("samples must be 0-64");

  const flawed: Uint8Array[] = [];
  const filled: Uint8Array[] = [];
  let samplesRow = new Uint8Array(0);
  for (let j = 0; j < n; j++) {
    const image = images.subarray(j * PIXELS, (j + 1) * PIXELS);
    const x = Float32Array.from(image, (v) => v / 255);
    // One batch per image: row 0 is z = 0, rows 1..k are prior samples (first image only).
    const extra = j === 0 ? k : 0;
    const z = new Float32Array((1 + extra) * m.latentDim);
    if (extra > 0) z.set(sampleLatents(m.latentDim, extra, opts.temperature ?? 1, opts.seed ?? 0), m.latentDim);
    const bytes = probsToBytes(decodeProbs(m, z, { image: x, mask }));
    flawed.push(flawedTile(image, mask));
    filled.push(pasteObserved(bytes.subarray(0, PIXELS), image, mask));
    if (extra > 0) {
      samplesRow = new Uint8Array(extra * PIXELS);
      for (let s = 0; s < extra; s++) {
        samplesRow.set(pasteObserved(bytes.subarray((s + 1) * PIXELS, (s + 2) * PIXELS), image, mask), s * PIXELS);
      }
    }
  }
  const join = (tiles: Uint8Array[]) => {
    const row = new Uint8Array(tiles.length * PIXELS);
    tiles.forEach((t, i) => row.set(t, i * PIXELS));
    return row;
  };
  return {
    grid: stackRows([join(flawed), join(filled), images.slice()], n, INPAINT_ROWS),
    samples: { rows: 1, cols: Math.max(k, 0), pixels: samplesRow, rowLabels: ["samples"] },
  };
}
