import assert from "node:assert/strict";
import { test } from "node:test";
import { SampleGridSchema } from "../../../../lib/contracts/training";
import { probsToGrid } from "../../../../lib/images/grid";

test("probsToGrid maps probabilities to bytes (clamped, NaN -> 0) and keeps tile order", () => {
  const probs = new Float32Array(2 * 3 * 784);
  probs[0] = 1;
  probs[1] = 0.5;
  probs[2] = -3;
  probs[3] = 7;
  probs[4] = NaN;
  probs[5 * 784] = 0.2; // tile (1, 2)
  const grid = probsToGrid(probs, 2, 3, "prior");
  assert.deepEqual(Array.from(grid.pixels.subarray(0, 5)), [255, 128, 0, 255, 0]);
  assert.equal(grid.pixels[5 * 784], 51);
  assert.equal(grid.pixels.length, 6 * 784);
  assert.equal(SampleGridSchema.parse(grid).kind, "prior");
  assert.equal(grid.rowLabels, undefined);
});

test("probsToGrid copies byte input and attaches row labels", () => {
  const bytes = new Uint8Array(784 * 2).fill(9);
  const grid = probsToGrid(bytes, 2, 1, "reconstruction", ["original", "reconstruction"]);
  bytes[0] = 1;
  assert.equal(grid.pixels[0], 9, "a copy, not a view");
  assert.deepEqual(grid.rowLabels, ["original", "reconstruction"]);
});

test("probsToGrid rejects wrong sizes, labels and kinds", () => {
  assert.throws(() => probsToGrid(new Float32Array(784), 2, 1, "prior"), /expected/);
  assert.throws(() => probsToGrid(new Float32Array(784), 0, 1, "prior"), /1\.\.64/);
  assert.throws(() => probsToGrid(new Float32Array(784), 1, 1, "prior", ["a", "b"]), /row labels/);
  assert.throws(() => probsToGrid(new Float32Array(784), 1, 1, "nope" as never));
});
