/**
 * Parsers for the idx format of the original MNIST / Fashion-MNIST files (bytes already read, not gzipped).
 * Layout: big-endian int32 magic (0x00000803 images, 0x00000801 labels), then int32 dimensions, then uint8 data.
 * Reading the bytes is someone else's job (server/data) so this stays isomorphic.
 */

const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;
const IMAGES_HEADER = 16;
const LABELS_HEADER = 8;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols bytes, 0 = background, 255 = ink; a view into the input (no copy). */
  pixels: Uint8Array;
}

function readUint32BE(bytes: Uint8Array, offset: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(offset, false);
}

/** Parses an idx3 image file. Throws on a wrong magic number or truncated data. */
export function parseIdxImages(bytes: Uint8Array): IdxImages {
  if (bytes.byteLength < IMAGES_HEADER) {
    throw new Error(`idx images: file too short (${bytes.byteLength} bytes, header needs ${IMAGES_HEADER})`);
  }
  const magic = readUint32BE(bytes, 0);
  if (magic !== IMAGES_MAGIC) {
    throw new Error(`idx images: bad magic 0x${magic.toString(16)} (expected 0x803; gzipped file or labels file?)`);
  }
  const count = readUint32BE(bytes, 4);
  const rows = readUint32BE(bytes, 8);
  const cols = readUint32BE(bytes, 12);
  const expected = IMAGES_HEADER + count * rows * cols;
  if (bytes.byteLength < expected) {
    throw new Error(`idx images: truncated (${bytes.byteLength} bytes, header announces ${expected})`);
  }
  return { count, rows, cols, pixels: bytes.subarray(IMAGES_HEADER, expected) };
}

/** Parses an idx1 label file into one byte per image (digit 0..9 / class index). */
export function parseIdxLabels(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength < LABELS_HEADER) {
    throw new Error(`idx labels: file too short (${bytes.byteLength} bytes, header needs ${LABELS_HEADER})`);
  }
  const magic = readUint32BE(bytes, 0);
  if (magic !== LABELS_MAGIC) {
    throw new Error(`idx labels: bad magic 0x${magic.toString(16)} (expected 0x801; gzipped file or images file?)`);
  }
  const count = readUint32BE(bytes, 4);
  const expected = LABELS_HEADER + count;
  if (bytes.byteLength < expected) {
    throw new Error(`idx labels: truncated (${bytes.byteLength} bytes, header announces ${expected})`);
  }
  return bytes.subarray(LABELS_HEADER, expected);
}
