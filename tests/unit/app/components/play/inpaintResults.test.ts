import { test } from "node:test";
import assert from "node:assert/strict";
import { chosenMask, maskBits } from "../../../../../app/components/play/inpaintResults";
import { centredHoleMask } from "../../../../../lib/data/masks";
import { timed } from "../../../../../lib/play/timed";

test("maskBits writes one character per pixel: 1 observed, 0 missing (0.5 counts as observed)", () => {
  assert.equal(maskBits(new Float32Array([1, 0, 0.5, 0.49])), "1010");
  const bits = maskBits(centredHoleMask(10));
  assert.equal(bits.length, 784);
  assert.equal(bits.replaceAll("1", "").length, 100);
});

test("chosenMask: the centred 10x10 hole, or the brush's mask as painted", () => {
  const brush = new Float32Array(784).fill(1);
  brush[5] = 0;
  assert.deepEqual(chosenMask("centre", brush), centredHoleMask(10));
  assert.equal(chosenMask("brush", brush), brush);
});

test("timed returns the value and the time between its two clock readings", () => {
  const clock = [10, 12.5];
  const r = timed(
    () => "grid",
    () => clock.shift() ?? NaN,
  );
  assert.deepEqual(r, { value: "grid", ms: 2.5 });
});
