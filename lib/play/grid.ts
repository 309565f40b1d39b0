import { stackTileRows } from "../images/grid";

/**
 * What every Play helper returns: a grid of 28x28 grayscale tiles in the layout of lib/images/grid.ts (the
 * server's `SampleGrid.pixels` too), so `DigitGrid` draws both.
 */
export interface PlayGrid {
  rows: number;
  cols: number;
  /** rows * cols * 784 bytes. */
  pixels: Uint8Array;
  rowLabels?: string[];
  colLabels?: string[];
}

/** Stacks equally sized rows of tiles into one grid. Throws when a row has the wrong number of tiles. */
export function stackRows(
  rows: Uint8Array[],
  cols: number,
  rowLabels?: readonly string[],
  colLabels?: string[],
): PlayGrid {
  return {
    rows: rows.length,
    cols,
    pixels: stackTileRows(rows, cols),
    rowLabels: rowLabels && [...rowLabels],
    colLabels,
  };
}
