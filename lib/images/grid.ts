import { GridKindSchema, type GridKind, type SampleGrid } from "../contracts/training";
import { PIXELS } from "../model/config";

/**
 * Sample grids, the same on the server (the pictures after each epoch, server/training/loop/samples.ts) and in the
 * browser (the Play view, lib/play): tile (r, c) of a rows × cols grid starts at ((r * cols) + c) * 784, one byte a
 * pixel (0 = black, 255 = white), and each kind of grid has its own order of rows.
 */

/** Row labels of the grids whose rows alternate or repeat. */
export const RECONSTRUCTION_ROWS = ["original", "reconstruction"] as const;
export const INPAINT_ROWS = ["flawed", "filled", "original"] as const;
/** The label-rows grid: row d is digit d. */
export const LABEL_ROWS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/** The digit of each tile of a label-rows grid with `cols` columns (row d = digit d; a column shares its noise). */
export function labelRowDigits(cols: number): number[] {
  return Array.from({ length: 10 * cols }, (_, i) => Math.floor(i / cols));
}

/** Probabilities in [0, 1] → bytes 0..255, rounded, clamped, NaN → 0: how every grid stores a decoded digit. */
export function probsToBytes(probs: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(probs.length);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] ?? 0;
    out[i] = p > 0 ? (p >= 1 ? 255 : Math.round(p * 255)) : 0; // NaN fails p > 0 -> 0
  }
  return out;
}

/** Rows of `cols` tiles each, stacked into one grid's pixels. Throws when a row has the wrong number of tiles. */
export function stackTileRows(rows: readonly Uint8Array[], cols: number): Uint8Array<ArrayBuffer> {
  const rowBytes = cols * PIXELS;
  const pixels = new Uint8Array(rows.length * rowBytes);
  rows.forEach((row, r) => {
    if (row.length !== rowBytes) throw new Error(`row ${r} has ${row.length / PIXELS} tiles, expected ${cols}`);
    pixels.set(row, r * rowBytes);
  });
  return pixels;
}

/**
 * Packs n = rows * cols digits into a SampleGrid (tile (r, c) at ((r * cols) + c) * 784, bytes 0..255).
 * Float input is read as probabilities in [0, 1] (clamped, NaN -> 0); Uint8Array input is taken as bytes.
 */
export function probsToGrid(
  probs: Float32Array | Uint8Array,
  rows: number,
  cols: number,
  kind: GridKind,
  rowLabels?: string[],
): SampleGrid {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || rows > 64 || cols > 64) {
    throw new Error(`probsToGrid: rows and cols must be integers in 1..64, got ${rows}x${cols}`);
  }
  const expected = rows * cols * PIXELS;
  if (probs.length !== expected) {
    throw new Error(`probsToGrid: expected ${rows}x${cols}x${PIXELS} = ${expected} values, got ${probs.length}`);
  }
  if (rowLabels && rowLabels.length !== rows) {
    throw new Error(`probsToGrid: ${rowLabels.length} row labels for ${rows} rows`);
  }
  const pixels = probs instanceof Uint8Array ? new Uint8Array(probs) : probsToBytes(probs);
  return {
    kind: GridKindSchema.parse(kind),
    rows,
    cols,
    ...(rowLabels ? { rowLabels: [...rowLabels] } : {}),
    pixels,
  };
}
