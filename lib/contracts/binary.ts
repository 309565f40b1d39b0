import { z } from "zod";

/**
 * Binary parts of socket payloads. The server sends Uint8Array / Float32Array (Node's Buffer on the wire); browsers
 * receive ArrayBuffer, Node clients Buffer. The schemas accept any of these (z.input) and give typed arrays (z.output).
 */

/** Bytes as sent (a Uint8Array or Buffer) or as received (an ArrayBuffer, or any other view). */
export type BinaryInput = Uint8Array | ArrayBuffer | ArrayBufferView;

export function toUint8Array(v: unknown): Uint8Array | null {
  if (v instanceof Uint8Array) return v; // includes Node's Buffer
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
}

/** Float32 values of a binary part, copied when the bytes do not start on a 4-byte boundary (Node's pooled Buffers). */
export function toFloat32Array(v: unknown): Float32Array | null {
  if (v instanceof Float32Array) return v;
  const bytes = toUint8Array(v);
  if (!bytes || bytes.byteLength % 4 !== 0) return null;
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Float32Array(new Uint8Array(bytes).buffer); // a copy (Buffer#slice would share the memory)
}

/** Bytes (grid pixels, latent labels) -> Uint8Array. */
export const BytesSchema = z
  .custom<BinaryInput>((v) => toUint8Array(v) !== null, "pixels must be binary")
  .transform((v, ctx): Uint8Array => {
    const bytes = toUint8Array(v);
    if (bytes) return bytes;
    ctx.issues.push({ code: "custom", message: "pixels must be binary", input: v });
    return z.NEVER;
  });

/** Float32 values (latent points) -> Float32Array. */
export const Float32Schema = z
  .custom<BinaryInput>((v) => toFloat32Array(v) !== null, "points must be binary float32")
  .transform((v, ctx): Float32Array => {
    const floats = toFloat32Array(v);
    if (floats) return floats;
    ctx.issues.push({ code: "custom", message: "points must be binary float32", input: v });
    return z.NEVER;
  });
