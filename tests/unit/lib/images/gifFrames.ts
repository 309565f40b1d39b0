import { GifReader } from "omggif";

export interface DecodedGif {
  width: number;
  height: number;
  /** 0 = forever (omggif reports null when there is no NETSCAPE loop block). */
  loopCount: number | null;
  frames: { delayMs: number; gray: Uint8Array }[];
}

/**
 * Decodes every frame of a GIF with an independent decoder (omggif), as full-canvas grey images (the red
 * channel; the animations are grey). Used to check what lib/images/gridGif.ts wrote, not how.
 */
export function decodeGif(bytes: Uint8Array): DecodedGif {
  const reader = new GifReader(bytes);
  const rgba = new Uint8Array(reader.width * reader.height * 4);
  const frames: DecodedGif["frames"] = [];
  for (let i = 0; i < reader.numFrames(); i++) {
    reader.decodeAndBlitFrameRGBA(i, rgba);
    const gray = new Uint8Array(reader.width * reader.height);
    for (let p = 0; p < gray.length; p++) {
      if (rgba[p * 4] !== rgba[p * 4 + 1] || rgba[p * 4] !== rgba[p * 4 + 2])
        throw new Error(`frame ${i}: pixel ${p} is not grey`);
      gray[p] = rgba[p * 4]!;
    }
    frames.push({ delayMs: reader.frameInfo(i).delay * 10, gray });
  }
  let loopCount: number | null;
  try {
    loopCount = reader.loopCount();
  } catch {
    loopCount = null;
  }
  return { width: reader.width, height: reader.height, loopCount, frames };
}

/** The 28x28 tile (r, c) of a decoded frame laid out by rasterizeGrid with `gap` and `scale` (sampled at pixel centres). */
export function tileAt(frame: Uint8Array, width: number, r: number, c: number, gap: number, scale: number): Uint8Array {
  const tile = new Uint8Array(784);
  const x0 = gap + c * (28 + gap);
  const y0 = gap + r * (28 + gap);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) tile[y * 28 + x] = frame[(y0 + y) * scale * width + (x0 + x) * scale]!;
  }
  return tile;
}
