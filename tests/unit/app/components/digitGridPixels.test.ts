import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_GRID_COLORS, gridLayout, gridToRgba, TILE_PIXELS } from "../../../../app/components/digitGridPixels";

test("layout gives every tile one pitch with the gap split on both sides", () => {
  assert.deepEqual(gridLayout(3, 10, 2), { width: 300, height: 90, pitch: 30, offset: 1 });
  assert.deepEqual(gridLayout(1, 1, 0), { width: 28, height: 28, pitch: 28, offset: 0 });
});

test("layout rejects empty grids and odd gaps", () => {
  assert.throws(() => gridLayout(0, 3, 2), RangeError);
  assert.throws(() => gridLayout(2, 3, 1), /even/);
});

test("rgba places tile (r, c) at its pitch offset and maps 255 to the stroke colour", () => {
  const rows = 2;
  const cols = 3;
  const pixels = new Uint8Array(rows * cols * TILE_PIXELS);
  // Light up the top-left pixel of tile (1, 2) only.
  pixels[(1 * cols + 2) * TILE_PIXELS] = 255;
  const { data, layout } = gridToRgba(pixels, rows, cols, 2);
  const at = (x: number, y: number) =>
    Array.from(data.slice((y * layout.width + x) * 4, (y * layout.width + x) * 4 + 4));
  assert.deepEqual(at(2 * 30 + 1, 1 * 30 + 1), [255, 255, 255, 255]);
  assert.deepEqual(at(0, 0), [...DEFAULT_GRID_COLORS.gutter, 255]);
  assert.deepEqual(at(1, 1), [...DEFAULT_GRID_COLORS.ink0, 255]);
  assert.equal(data.length, layout.width * layout.height * 4);
});

test("rgba refuses a pixel buffer of the wrong size", () => {
  assert.throws(() => gridToRgba(new Uint8Array(10), 1, 1), /expected 784 bytes/);
});
