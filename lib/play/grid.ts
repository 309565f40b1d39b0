/**
 * What every Play helper returns: a grid of 28x28 grayscale tiles, the same layout as
 * `SampleGrid.pixels` in lib/contracts/training.ts (tile (r, c) starts at (r * cols + c) * 784;
 * 0 = black, 255 = white), so `DigitGrid` draws both.
 */
export interface PlayGrid {
  rows: number;
  cols: number;
  /** rows * cols * 784 bytes. */
  pixels: Uint8Array;
  rowLabels?: string[];
  colLabels?: string[];
}

export const TILE_PIXELS = 784;

/** Probabilities in [0, 1] (n*784 floats) -> bytes 0..255, rounded the way the server's grids are. */
export function probsToBytes(probs: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(probs.length);
  for (let i = 0; i < probs.length; i++) {
    const v = Math.round((probs[i] ?? 0) * 255);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}

/** Stacks equally sized rows of tiles into one grid. Throws when a row has the wrong number of tiles. */
export function stackRows(rows: Uint8Array[], cols: number, rowLabels?: string[], colLabels?: string[]): PlayGrid {
  const pixels = new Uint8Array(rows.length * cols * TILE_PIXELS);
  rows.forEach((row, r) => {
    if (row.length !== cols * TILE_PIXELS) {
      throw new Error(`row ${r} has ${row.length / TILE_PIXELS} tiles, expected ${cols}`);
    }
    pixels.set(row, r * cols * TILE_PIXELS);
  });
  return { rows: rows.length, cols, pixels, rowLabels, colLabels };
}
