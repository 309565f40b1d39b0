import { GIFEncoder } from "gifenc";
import { IMAGE_SIZE, PIXELS } from "../model/config";

/**
 * Sample grids as pictures and as an animated GIF ("the digits sharpening", one frame per epoch), pure
 * and isomorphic: the server's grids.gif route and the tests use it, a browser could too.
 */

/** One grid of 28x28 tiles: tile (r, c) starts at ((r * cols) + c) * 784; 0 = black, 255 = white. */
export interface GridPicture {
  pixels: Uint8Array;
  rows: number;
  cols: number;
}

export interface RasterOptions {
  /** Gutter between tiles and around the grid, in image pixels (default 2). */
  gap?: number;
  /** Each image pixel becomes scale x scale pixels (default 2). */
  scale?: number;
  /** Grey of the gutter (default 64, as the PNG export). */
  gutter?: number;
}

/** Where tile (r, c)'s top-left image pixel lands in a raster made with `gap` (before scaling). */
export function tileOrigin(r: number, c: number, gap: number): { x: number; y: number } {
  return { x: gap + c * (IMAGE_SIZE + gap), y: gap + r * (IMAGE_SIZE + gap) };
}

/** The grid as one grey image (1 byte per pixel), tiles separated by the gutter, then scaled up. */
export function rasterizeGrid(
  grid: GridPicture,
  opts: RasterOptions = {},
): { gray: Uint8Array; width: number; height: number } {
  const { gap = 2, scale = 2, gutter = 64 } = opts;
  if (grid.pixels.length !== grid.rows * grid.cols * PIXELS) {
    throw new Error(
      `rasterizeGrid: ${grid.rows}x${grid.cols} tiles need ${grid.rows * grid.cols * PIXELS} bytes, got ${grid.pixels.length}`,
    );
  }
  const w = grid.cols * IMAGE_SIZE + (grid.cols + 1) * gap;
  const h = grid.rows * IMAGE_SIZE + (grid.rows + 1) * gap;
  const small = new Uint8Array(w * h).fill(gutter);
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const tile = (r * grid.cols + c) * PIXELS;
      const { x, y } = tileOrigin(r, c, gap);
      for (let row = 0; row < IMAGE_SIZE; row++) {
        small.set(grid.pixels.subarray(tile + row * IMAGE_SIZE, tile + (row + 1) * IMAGE_SIZE), (y + row) * w + x);
      }
    }
  }
  if (scale === 1) return { gray: small, width: w, height: h };
  const width = w * scale;
  const height = h * scale;
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const src = Math.floor(y / scale) * w;
    for (let x = 0; x < width; x++) gray[y * width + x] = small[src + Math.floor(x / scale)]!;
  }
  return { gray, width, height };
}

export interface AnimationOptions extends RasterOptions {
  /** How long each epoch's frame shows (default 600 ms). */
  frameMs?: number;
  /** The last frame stays longer, so the result can be seen before the loop restarts (default 2,000 ms). */
  lastFrameMs?: number;
}

/** Index i of the palette is grey level i, so a grey image is its own index bitmap (no quantising, exact pixels). */
const GREYS: number[][] = Array.from({ length: 256 }, (_, v) => [v, v, v]);

/** Height in image pixels (before scaling) of the progress strip under the grid. */
export const PROGRESS_STRIP = 3;

/**
 * An animated GIF, one frame per grid (e.g. per epoch), looping forever. Under the grid a thin strip fills
 * up frame by frame, so a viewer sees how far into training each frame is. All frames must have the same
 * rows and cols.
 */
export function encodeGridAnimation(frames: readonly GridPicture[], opts: AnimationOptions = {}): Uint8Array {
  const { frameMs = 600, lastFrameMs = 2000, scale = 2, gap = 2, gutter = 64 } = opts;
  if (frames.length === 0) throw new Error("encodeGridAnimation: no frames");
  const { rows, cols } = frames[0]!;
  const gif = GIFEncoder();
  frames.forEach((frame, i) => {
    if (frame.rows !== rows || frame.cols !== cols) {
      throw new Error(`encodeGridAnimation: frame ${i} is ${frame.rows}x${frame.cols}, frame 0 is ${rows}x${cols}`);
    }
    const grid = rasterizeGrid(frame, { scale, gap, gutter });
    const stripHeight = PROGRESS_STRIP * scale;
    const height = grid.height + stripHeight;
    const index = new Uint8Array(grid.width * height);
    index.set(grid.gray);
    const filled = Math.round((grid.width * (i + 1)) / frames.length);
    for (let y = grid.height; y < height; y++) {
      index.fill(255, y * grid.width, y * grid.width + filled);
      index.fill(gutter, y * grid.width + filled, (y + 1) * grid.width);
    }
    gif.writeFrame(index, grid.width, height, {
      ...(i === 0 ? { palette: GREYS, repeat: 0 } : {}),
      delay: i === frames.length - 1 ? lastFrameMs : frameMs,
    });
  });
  gif.finish();
  return gif.bytes();
}
