import { IMAGE_SIZE, PIXELS } from "../model/config";

/**
 * Inpainting masks: Float32Array(784), row-major 28x28, 1 = observed pixel, 0 = missing (the hole).
 * The seed's evaluation hole is the centred 10x10 square (rows/cols 10..19).
 */

/** Mask with a rectangular hole; the rectangle is clipped to the image. Throws on non-integer or negative sizes. */
export function rectMask(top: number, left: number, height: number, width: number): Float32Array {
  for (const [name, v] of Object.entries({ top, left, height, width })) {
    if (!Number.isInteger(v)) throw new Error(`rectMask: ${name} must be an integer, got ${v}`);
  }
  if (height < 0 || width < 0) throw new Error(`rectMask: height and width must be ≥ 0 (got ${height}x${width})`);
  const mask = new Float32Array(PIXELS).fill(1);
  const r0 = Math.max(0, top);
  const r1 = Math.min(IMAGE_SIZE, top + height);
  const c0 = Math.max(0, left);
  const c1 = Math.min(IMAGE_SIZE, left + width);
  for (let r = r0; r < r1; r++) {
    for (let c = c0; c < c1; c++) mask[r * IMAGE_SIZE + c] = 0;
  }
  return mask;
}

/**
 * The seed's hole: a centred size x size square. The seed's notebook zeroes rows/cols 10..19 for size 10 (pixel
 * 14 is its centre), so start = ⌊(28 − size) / 2⌋ + 1, clamped to stay inside the image (size 10 -> 10..19).
 */
export function centredHoleMask(size = 10): Float32Array {
  if (!Number.isInteger(size) || size < 0 || size > IMAGE_SIZE) {
    throw new Error(`centredHoleMask: size must be an integer in 0..${IMAGE_SIZE}, got ${size}`);
  }
  const start = Math.min(IMAGE_SIZE - size, Math.floor((IMAGE_SIZE - size) / 2) + 1);
  return rectMask(start, start, size, size);
}

/**
 * Zeroes the missing pixels. `pixels` holds one or more images (length a multiple of 784); the one mask
 * applies to each. Returns a new array.
 */
export function applyMask(pixels: Float32Array, mask: Float32Array): Float32Array {
  if (mask.length !== PIXELS) throw new Error(`applyMask: mask must have ${PIXELS} values, got ${mask.length}`);
  if (pixels.length % PIXELS !== 0) {
    throw new Error(`applyMask: pixels length ${pixels.length} is not a multiple of ${PIXELS}`);
  }
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = (pixels[i] ?? 0) * (mask[i % PIXELS] ?? 0);
  return out;
}
