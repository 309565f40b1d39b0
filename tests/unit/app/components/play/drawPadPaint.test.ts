import { test } from "node:test";
import assert from "node:assert/strict";
import { drawPadRgba, paintDab } from "../../../../../app/components/play/drawPadPaint";

const blank = () => ({ image: new Uint8Array(784), mask: new Float32Array(784).fill(1) });
const at = (x: number, y: number) => y * 28 + x;

test("the pen inks the pixel under it fully and its neighbours softly, in new arrays", () => {
  const before = blank();
  const after = paintDab(before, 10.5, 10.5, "pen");
  assert.equal(after.image[at(10, 10)], 255);
  const side = after.image[at(12, 10)]!;
  assert.ok(side > 0 && side < 255, `soft edge ${side}`);
  assert.equal(after.image[at(14, 10)], 0, "beyond the brush");
  assert.equal(before.image[at(10, 10)], 0, "the input is untouched");
  assert.deepEqual(after.mask, before.mask, "the pen leaves the mask alone");
});

test("the pen never lightens ink; the eraser fades it; the hole brush only marks pixels missing", () => {
  const inked = paintDab(blank(), 10.5, 10.5, "pen");
  const again = paintDab(inked, 12.5, 10.5, "pen");
  assert.equal(again.image[at(10, 10)], 255);
  const erased = paintDab(inked, 10.5, 10.5, "eraser");
  assert.equal(erased.image[at(10, 10)], 0);
  const holed = paintDab(inked, 10.5, 10.5, "hole");
  assert.equal(holed.mask[at(10, 10)], 0);
  assert.equal(holed.mask[at(12, 10)], 0, "radius 2");
  assert.equal(holed.mask[at(13, 10)], 1);
  assert.deepEqual(holed.image, inked.image);
});

test("a dab at the edge stays inside the 28x28 pad", () => {
  const after = paintDab(blank(), 0.2, 27.8, "hole");
  assert.equal(after.mask.length, 784);
  assert.equal(after.mask[at(0, 27)], 0);
});

test("the pad's colours: ink in grey, missing pixels tinted red, always opaque", () => {
  const d = blank();
  d.image[0] = 200;
  d.mask[1] = 0;
  const rgba = drawPadRgba(d);
  assert.deepEqual([...rgba.slice(0, 4)], [200, 200, 200, 255]);
  assert.deepEqual([...rgba.slice(4, 8)], [120, 20, 40, 255]);
});
