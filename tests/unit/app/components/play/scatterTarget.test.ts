import { test } from "node:test";
import assert from "node:assert/strict";
import { arrowMove, cursorWords, describeTarget, pickTarget } from "../../../../../app/components/play/scatterTarget";

const bounds = { x0: 0, x1: 10, y0: 0, y1: 10 };
const scatter = { points: new Float32Array([1, 1, 5, 5]), labels: new Uint8Array([3, 7]) };

test("a click next to a test image picks that image's place; farther away, the place itself", () => {
  assert.deepEqual(pickTarget(scatter, bounds, [5.1, 5.1]), { at: [5, 5], point: 1 });
  assert.deepEqual(pickTarget(scatter, bounds, [8, 8]), { at: [8, 8], point: null });
});

test("arrow keys move the cursor a 40th of the map (Shift: an 8th); other keys do not", () => {
  assert.deepEqual(arrowMove("ArrowLeft", false), [-1 / 40, 0]);
  assert.deepEqual(arrowMove("ArrowUp", true), [0, 1 / 8]);
  assert.equal(arrowMove("Enter", false), null);
});

test("the decoded place in words: exact at latent 2, a plane point above", () => {
  const identity = { method: "identity" as const, mean: null, axes: null, explained: null };
  assert.equal(
    describeTarget({ at: [5, 5], point: 1 }, { ...scatter, projection: identity }, 7),
    "Decoded z = (5.00, 5.00): the mean μ of test image 2, a 7, as digit 7.",
  );
  const pca = {
    method: "pca" as const,
    mean: [0, 0, 0],
    axes: [
      [1, 0, 0],
      [0, 1, 0],
    ] as [number[], number[]],
    explained: [0.5, 0.25] as [number, number],
  };
  assert.match(
    describeTarget({ at: [8, 8], point: null }, { ...scatter, projection: pca }, null),
    /^Decoded the plane's point \(8\.00, 8\.00\)\.$/,
  );
  assert.match(
    describeTarget({ at: [5, 5], point: 1 }, { ...scatter, projection: pca }, null),
    /holds 75 % of the latent's variance/,
  );
});

test("the cursor in words: its place, and the digit of the nearest test image when there is one", () => {
  assert.equal(cursorWords(scatter, [4.5, 4]), "Cursor at x 4.50, y 4.00, nearest test image a 7");
  assert.equal(
    cursorWords({ points: new Float32Array(0), labels: new Uint8Array(0) }, [0, -1.234]),
    "Cursor at x 0.00, y -1.23",
  );
});
