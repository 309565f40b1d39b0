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

/**
 * A binary part converted once: the conversion is the check (a value it cannot convert is an issue with `message`),
 * so a Buffer at an odd offset is copied once, not once to test it and again to keep it.
 */
function binarySchema<T>(convert: (v: unknown) => T | null, message: string) {
  return z.custom<BinaryInput>().transform((v, ctx): T => {
    const out = convert(v);
    if (out !== null) return out;
    ctx.issues.push({ code: "custom", message, input: v });
    return z.NEVER;
  });
}

/** Bytes (grid pixels, latent labels) -> Uint8Array. */
export const BytesSchema = binarySchema(toUint8Array, "pixels must be binary");

/** Float32 values (latent points) -> Float32Array. */
export const Float32Schema = binarySchema(toFloat32Array, "points must be binary float32");
