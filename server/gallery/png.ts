import zlib from "node:zlib";
import { PNG } from "pngjs";

/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Largest side accepted (px). */
export const MAX_PNG_SIDE = 4096;
/** Largest image accepted (px): decoding one costs 4 bytes a pixel, so 8 M pixels is at most 32 MB for a moment. */
export const MAX_PNG_PIXELS = 8 * 1024 * 1024;

/**
 * Width and height from the IHDR chunk when `bytes` look like a PNG (signature + IHDR first), otherwise null.
 * Only the header: `checkPng` decides whether the whole file is a PNG.
 */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 33) return null;
  for (let i = 0; i < PNG_SIGNATURE.length; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(bytes[12] ?? 0, bytes[13] ?? 0, bytes[14] ?? 0, bytes[15] ?? 0);
  if (view.getUint32(8) !== 13 || type !== "IHDR") return null;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width < 1 || height < 1) return null;
  return { width, height };
}

/**
 * Where the IEND chunk ends, walking the chunk list (length, type, data, CRC); null when a chunk runs past the end
 * of the file or there is no IEND.
 */
function endOfPng(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = PNG_SIGNATURE.length;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    const next = at + 12 + length;
    if (next > bytes.length) return null;
    if (type === "IEND") return next;
    at = next;
  }
  return null;
}

/**
 * Whether `bytes` are one whole, valid PNG and nothing else: header, sizes, chunk structure up to IEND with no byte
 * after it (a PNG header followed by HTML is refused), and the image data decoded in full (CRCs, compression,
 * filters) with pngjs. Returns the size, or the reason for the refusal (a sentence for a 400).
 */
export function checkPng(bytes: Uint8Array): { width: number; height: number } | { error: string } {
  const size = readPngSize(bytes);
  if (!size) return { error: "png: not a PNG image (bad signature or header)" };
  if (size.width > MAX_PNG_SIDE || size.height > MAX_PNG_SIDE)
    return { error: `png: image too large (max ${MAX_PNG_SIDE} px a side)` };
  if (size.width * size.height > MAX_PNG_PIXELS)
    return { error: `png: image too large (max ${MAX_PNG_PIXELS.toLocaleString("en-US")} pixels)` };
  const end = endOfPng(bytes);
  if (end === null) return { error: "png: truncated (a chunk runs past the end, or there is no IEND)" };
  if (end !== bytes.length) return { error: `png: ${bytes.length - end} bytes after the end of the image (IEND)` };
  const data = imageDataProblem(bytes);
  if (data) return { error: `png: the image data is not valid (${data})` };
  try {
    PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { checkCRC: true });
  } catch (err) {
    return { error: `png: the image data is not valid (${err instanceof Error ? err.message : "decoding failed"})` };
  }
  return size;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Inflates the IDAT chunks strictly and checks the length against IHDR's. pngjs alone is not enough: given a broken
 * deflate stream it can go on to read filter bytes from memory it never wrote, and then accepts the file or not at
 * random. (Chunk structure and sizes are already checked by the caller.)
 */
function imageDataProblem(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const [bitDepth, colorType, , , interlace] = [bytes[24]!, bytes[25]!, bytes[26]!, bytes[27]!, bytes[28]!];
  const channels = CHANNELS[colorType];
  if (channels === undefined) return `colour type ${colorType}`;
  const parts: Uint8Array[] = [];
  for (let at = PNG_SIGNATURE.length; at + 12 <= bytes.length; at += 12 + view.getUint32(at)) {
    if (String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!) === "IDAT") {
      parts.push(bytes.subarray(at + 8, at + 8 + view.getUint32(at)));
    }
  }
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(Buffer.concat(parts), {
      maxOutputLength: height * (1 + Math.ceil((width * channels * 16) / 8)) + 1024,
    });
  } catch (err) {
    return err instanceof Error ? err.message : "inflate failed";
  }
  const expected = height * (1 + Math.ceil((width * channels * bitDepth) / 8));
  if (interlace === 0 && raw.length !== expected)
    return `${raw.length} bytes of pixel data where the header says ${expected}`;
  return null;
}

/** Decodes base64 (optionally a `data:image/png;base64,` URL); null when it is not valid base64. */
export function decodeBase64Png(text: string): Uint8Array | null {
  const b64 = text.replace(/^data:image\/png;base64,/, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  return new Uint8Array(Buffer.from(b64, "base64"));
}
