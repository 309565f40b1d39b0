import { PNG } from "pngjs";
import type { SampleGrid } from "../../lib/contracts/training";
import { rasterizeGrid } from "../../lib/images/gridGif";

/** PNG files of sample grids and plots, for the CLI and the tests (pngjs; the browser uses its canvas). */

/** Encodes width*height grayscale bytes (row-major, 0 = black) as a PNG file. */
export function encodeGrayPng(gray: Uint8Array, width: number, height: number): Buffer {
  if (gray.length !== width * height) throw new Error(`encodeGrayPng: ${gray.length} bytes for ${width}x${height}`);
  return encodePng(gray, width, height, 0);
}

/** Encodes width*height RGB pixels (3 bytes each, row-major) as a PNG file. */
export function encodeRgbPng(rgb: Uint8Array, width: number, height: number): Buffer {
  if (rgb.length !== 3 * width * height)
    throw new Error(`encodeRgbPng: ${rgb.length} bytes for ${width}x${height} RGB`);
  return encodePng(rgb, width, height, 2);
}

/** 8-bit grayscale (colour type 0) or RGB (2), written as given; filter 0 keeps it simple and these images small. */
function encodePng(pixels: Uint8Array, width: number, height: number, colorType: 0 | 2): Buffer {
  const options = { colorType, inputColorType: colorType, inputHasAlpha: false, filterType: 0 } as const;
  const png = new PNG({ width, height, ...options });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  return PNG.sync.write(png, options);
}

/**
 * A SampleGrid as one picture: tiles separated by `gap` dark-gray pixels, each pixel drawn `scale` x `scale`
 * (the layout lives in lib/images/gridGif.ts, shared with the animated GIF).
 * @returns the PNG bytes and the picture size
 */
export function gridToPng(
  grid: SampleGrid,
  opts: { gap?: number; scale?: number } = {},
): { png: Buffer; width: number; height: number } {
  const { gray, width, height } = rasterizeGrid(grid, opts);
  return { png: encodeGrayPng(gray, width, height), width, height };
}
