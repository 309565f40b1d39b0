import assert from "node:assert/strict";
import { test } from "node:test";
import { applyMask, centredHoleMask, rectMask } from "../../../../lib/data/masks";

const holeCells = (mask: Float32Array): [number, number][] =>
  Array.from(mask).flatMap((v, i) => (v === 0 ? [[Math.floor(i / 28), i % 28] as [number, number]] : []));

test("centredHoleMask(10) zeroes exactly rows/cols 10..19, like the seed", () => {
  const cells = holeCells(centredHoleMask());
  assert.equal(cells.length, 100);
  assert.ok(cells.every(([r, c]) => r >= 10 && r <= 19 && c >= 10 && c <= 19));
  assert.equal(centredHoleMask().length, 784);
});

test("centredHoleMask handles the extremes and rejects bad sizes", () => {
  assert.equal(holeCells(centredHoleMask(0)).length, 0);
  assert.equal(holeCells(centredHoleMask(28)).length, 784);
  assert.throws(() => centredHoleMask(29), /size/);
  assert.throws(() => centredHoleMask(2.5), /size/);
});

test("rectMask clips to the image and validates its arguments", () => {
  assert.deepEqual(holeCells(rectMask(26, 27, 5, 5)), [
    [26, 27],
    [27, 27],
  ]);
  assert.equal(holeCells(rectMask(0, 0, 14, 14)).length, 196);
  assert.throws(() => rectMask(0, 0, -1, 3), /≥ 0/);
  assert.throws(() => rectMask(0.5, 0, 1, 3), /integer/);
});

test("applyMask zeroes the hole of every image and leaves the rest", () => {
  const two = new Float32Array(784 * 2).fill(0.5);
  const out = applyMask(two, centredHoleMask());
  assert.equal(out[10 * 28 + 10], 0);
  assert.equal(out[784 + 19 * 28 + 19], 0);
  assert.equal(out[784 + 9 * 28 + 9], 0.5);
  assert.equal(two[10 * 28 + 10], 0.5, "input untouched");
  assert.throws(() => applyMask(new Float32Array(100), centredHoleMask()), /multiple/);
  assert.throws(() => applyMask(two, new Float32Array(10)), /784/);
});
