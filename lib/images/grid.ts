import { GridKindSchema, type GridKind, type SampleGrid } from "../contracts/training";
import { PIXELS } from "../model/config";

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
  let pixels: Uint8Array<ArrayBuffer>;
  if (probs instanceof Uint8Array) {
    pixels = new Uint8Array(probs);
  } else {
    pixels = new Uint8Array(expected);
    for (let i = 0; i < expected; i++) {
      const p = probs[i] ?? 0;
      pixels[i] = p > 0 ? (p >= 1 ? 255 : Math.round(p * 255)) : 0; // NaN fails p > 0 -> 0
    }
  }
  return {
    kind: GridKindSchema.parse(kind),
    rows,
    cols,
    ...(rowLabels ? { rowLabels: [...rowLabels] } : {}),
    pixels,
  };
}
