import { deflateSync } from "node:zlib";
import type { SampleGrid } from "../../lib/contracts/training";
import { rasterizeGrid } from "../../lib/images/gridGif";

/**
 * A minimal PNG encoder (8-bit grayscale, zlib from Node) for writing sample grids from the CLI.
 * Node-only because of zlib, hence here and not in lib/images.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes width*height grayscale bytes (row-major, 0 = black) as a PNG file. */
export function encodeGrayPng(gray: Uint8Array, width: number, height: number): Buffer {
  if (gray.length !== width * height) throw new Error(`encodeGrayPng: ${gray.length} bytes for ${width}x${height}`);
  return encodePng(gray, width, height, 1);
}

/** Encodes width*height RGB pixels (3 bytes each, row-major) as a PNG file. */
export function encodeRgbPng(rgb: Uint8Array, width: number, height: number): Buffer {
  if (rgb.length !== 3 * width * height) throw new Error(`encodeRgbPng: ${rgb.length} bytes for ${width}x${height} RGB`);
  return encodePng(rgb, width, height, 3);
}

function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Buffer {
  const line = width * channels;
  const raw = Buffer.alloc((line + 1) * height); // each scanline starts with filter type 0 (none)
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * line, (y + 1) * line), y * (line + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  // bit depth 8, colour type 0 (grayscale) or 2 (RGB), deflate, no filter, no interlace
  ihdr.set([8, channels === 3 ? 2 : 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/**
 * A SampleGrid as one picture: tiles separated by `gap` dark-gray pixels, each pixel drawn `scale` x `scale`
 * (the layout lives in lib/images/gridGif.ts, shared with the animated GIF).
 * @returns the PNG bytes and the picture size
 */
export function gridToPng(grid: SampleGrid, opts: { gap?: number; scale?: number } = {}): { png: Buffer; width: number; height: number } {
  const { gray, width, height } = rasterizeGrid(grid, opts);
  return { png: encodeGrayPng(gray, width, height), width, height };
}
