import { test } from "node:test";
import assert from "node:assert/strict";
import { mapBase, mapBaseKey, nextDims, withDim, withMapPoint } from "../../../../../app/components/play/latentPoint";

test("a slider sets one dimension, the map sets its two", () => {
  assert.deepEqual(withDim([0, 0, 0], 1, 0.5), [0, 0.5, 0]);
  assert.deepEqual(withMapPoint([1, 2, 3, 4], [3, 1], [-1, 0.25]), [1, 0.25, 3, -1]);
});

test("the map's axes are two different dimensions", () => {
  assert.deepEqual(nextDims([0, 1], 0, 2), [2, 1]);
  assert.deepEqual(nextDims([0, 1], 1, 3), [0, 3]);
  assert.equal(nextDims([0, 1], 0, 1), null);
});

test("the map's key changes with the other dimensions only, and gives back the base point", () => {
  assert.equal(mapBaseKey([0.5, -1], [0, 1]), "", "a 2-D latent has no base");
  assert.equal(mapBase(""), undefined);
  const key = mapBaseKey([0.1, 2, -0.35, 7], [1, 3]);
  assert.equal(key, mapBaseKey([0.1, -3, -0.35, 1.5], [1, 3]), "moving a map dimension keeps the key");
  assert.notEqual(key, mapBaseKey([0.2, 2, -0.35, 7], [1, 3]));
  assert.deepEqual(mapBase(key), [0.1, 0, -0.35, 0]);
});
