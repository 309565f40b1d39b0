/**
 * Pure pixel layout for DigitGrid (no DOM): turns a grid of 28x28 grayscale tiles into one RGBA
 * bitmap with a thin gutter between tiles, so a single <canvas> can draw the whole grid and the
 * browser scales it up crisply with `image-rendering: pixelated`.
 */

export const TILE = 28;
export const TILE_PIXELS = TILE * TILE;

/** RGB triple, 0..255 per channel. */
export type Rgb = readonly [number, number, number];

export interface GridColors {
  /** Colour of pixel value 0 (the dark tile). */
  ink0: Rgb;
  /** Colour of pixel value 255 (the digit stroke). */
  ink255: Rgb;
  /** Colour of the gutter between tiles. */
  gutter: Rgb;
}

export const DEFAULT_GRID_COLORS: GridColors = {
  ink0: [10, 12, 20],
  ink255: [255, 255, 255],
  gutter: [38, 44, 60],
};

export interface GridLayout {
  /** Bitmap width and height in device pixels (before CSS scaling). */
  width: number;
  height: number;
  /** Distance between the top-left corners of neighbouring tiles: TILE + gap. */
  pitch: number;
  /** Offset of the first tile from the bitmap edge: gap / 2 (so every row/column spans exactly one pitch). */
  offset: number;
}

/**
 * Bitmap geometry. Each tile owns a `pitch`-sized cell with the gap split evenly on both sides,
 * which makes label rows laid out with `flex: 1` line up exactly with the tiles at any CSS size.
 */
export function gridLayout(rows: number, cols: number, gap: number): GridLayout {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new RangeError(`grid needs positive integer rows and cols, got ${rows}x${cols}`);
  }
  if (!Number.isInteger(gap) || gap < 0 || gap % 2 !== 0) {
    throw new RangeError(`gap must be an even, non-negative integer, got ${gap}`);
  }
  const pitch = TILE + gap;
  return { width: cols * pitch, height: rows * pitch, pitch, offset: gap / 2 };
}

/**
 * RGBA bytes for the whole grid.
 * @param pixels rows*cols*784 bytes, tile (r, c) at ((r * cols) + c) * 784, row-major inside a tile, 0..255.
 * @returns Uint8ClampedArray of width*height*4 (ready for `new ImageData(data, width, height)`).
 */
export function gridToRgba(
  pixels: Uint8Array,
  rows: number,
  cols: number,
  gap = 2,
  colors: GridColors = DEFAULT_GRID_COLORS,
): { data: Uint8ClampedArray<ArrayBuffer>; layout: GridLayout } {
  const layout = gridLayout(rows, cols, gap);
  const expected = rows * cols * TILE_PIXELS;
  if (pixels.length !== expected) {
    throw new RangeError(`expected ${expected} bytes for a ${rows}x${cols} grid, got ${pixels.length}`);
  }
  const { width, height, pitch, offset } = layout;
  const data = new Uint8ClampedArray(new ArrayBuffer(width * height * 4));
  const [gr, gg, gb] = colors.gutter;
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = gr;
    data[i * 4 + 1] = gg;
    data[i * 4 + 2] = gb;
    data[i * 4 + 3] = 255;
  }
  // 256-entry lookup: lerp between the dark tile colour and the stroke colour.
  const lut = new Uint8ClampedArray(256 * 3);
  for (let v = 0; v < 256; v++) {
    const t = v / 255;
    for (let ch = 0; ch < 3; ch++) {
      lut[v * 3 + ch] = Math.round(colors.ink0[ch]! + (colors.ink255[ch]! - colors.ink0[ch]!) * t);
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const src = (r * cols + c) * TILE_PIXELS;
      const x0 = c * pitch + offset;
      const y0 = r * pitch + offset;
      for (let y = 0; y < TILE; y++) {
        let dst = ((y0 + y) * width + x0) * 4;
        for (let x = 0; x < TILE; x++) {
          const v = pixels[src + y * TILE + x]!;
          data[dst] = lut[v * 3]!;
          data[dst + 1] = lut[v * 3 + 1]!;
          data[dst + 2] = lut[v * 3 + 2]!;
          dst += 4;
        }
      }
    }
  }
  return { data, layout };
}
