import assert from "node:assert/strict";
import { test } from "node:test";
import { inflateSync } from "node:zlib";
import { DIGIT_COLOURS, scatterToPng } from "../../../../server/export/scatterPng";

/** Decodes our own unfiltered 8-bit RGB PNG: width, height and the pixel rows. */
function decode(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.equal(png[25], 2, "colour type RGB");
  const idat = png.indexOf("IDAT");
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    rgb.set(raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)), y * width * 3);
  return { width, height, rgb };
}

test("points land where their coordinates say, in their digit's colour, y up", () => {
  // A square of four digits at the corners plus one at the centre.
  const points = Float32Array.from([-1, -1, 1, -1, -1, 1, 1, 1, 0, 0]);
  const labels = Uint8Array.from([0, 1, 2, 3, 4]);
  const { width, height, rgb } = decode(scatterToPng(points, labels, 101));
  assert.deepEqual([width, height], [101, 101]);
  const at = (x: number, y: number): number[] => Array.from(rgb.subarray((y * width + x) * 3, (y * width + x) * 3 + 3));
  assert.deepEqual(at(50, 50), [...DIGIT_COLOURS[4]!], "the centre");
  const bottomLeft = at(Math.round((-1 / 2.2 + 0.5) * 100), Math.round((0.5 + 1 / 2.2) * 100));
  assert.deepEqual(bottomLeft, [...DIGIT_COLOURS[0]!], "(−1, −1) is bottom left");
  assert.deepEqual(at(0, 0), [18, 18, 18], "background");
  assert.throws(() => scatterToPng(new Float32Array(3), new Uint8Array(2)), /coordinates/);
});
