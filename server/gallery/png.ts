/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Width and height from the IHDR chunk when `bytes` look like a PNG (signature + IHDR first),
 * otherwise null. We do not decode the image: the signature and header keep out non-images,
 * and the size limit keeps out big ones.
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

/** Decodes base64 (optionally a `data:image/png;base64,` URL); null when it is not valid base64. */
export function decodeBase64Png(text: string): Uint8Array | null {
  const b64 = text.replace(/^data:image\/png;base64,/, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  return new Uint8Array(Buffer.from(b64, "base64"));
}
