import { test } from "node:test";
import assert from "node:assert/strict";
import { crc32, inflateSync } from "node:zlib";
import { encodeGrayPng, gridToPng } from "../../../../server/export/png";

/** Splits a PNG into chunks, checking every CRC. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    assert.equal(png.readUInt32BE(at + 8 + len), crc32(png.subarray(at + 4, at + 8 + len)), `crc of ${type}`);
    out.push({ type, data });
    at += 12 + len;
  }
  return out;
}

test("crc32 matches the standard check value", () => {
  assert.equal(crc32(Buffer.from("123456789")), 0xcbf43926);
});

test("encodeGrayPng writes IHDR, IDAT with filter-0 scanlines of the pixels, IEND", () => {
  const gray = Uint8Array.from([0, 50, 100, 150, 200, 250]);
  const c = chunks(encodeGrayPng(gray, 3, 2));
  assert.deepEqual(
    c.map((x) => x.type),
    ["IHDR", "IDAT", "IEND"],
  );
  assert.equal(c[0]!.data.readUInt32BE(0), 3);
  assert.equal(c[0]!.data.readUInt32BE(4), 2);
  assert.deepEqual([...c[0]!.data.subarray(8)], [8, 0, 0, 0, 0]);
  assert.deepEqual([...inflateSync(c[1]!.data)], [0, 0, 50, 100, 0, 150, 200, 250]);
});

test("gridToPng lays tiles out with gaps and scales them", () => {
  const pixels = new Uint8Array(2 * 3 * 784).fill(255);
  const { png, width, height } = gridToPng({ kind: "prior", rows: 2, cols: 3, pixels }, { gap: 1, scale: 2 });
  assert.equal(width, (3 * 28 + 4) * 2);
  assert.equal(height, (2 * 28 + 3) * 2);
  const raw = inflateSync(chunks(png).find((x) => x.type === "IDAT")!.data);
  const row = (y: number): Buffer => raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1));
  assert.equal(row(0)[5], 64, "gap row is dark gray");
  assert.equal(row(2)[2], 255, "first tile starts after one (scaled) gap pixel");
  assert.equal(row(2)[1], 64);
});
