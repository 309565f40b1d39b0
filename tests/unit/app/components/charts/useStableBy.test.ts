import { test } from "node:test";
import assert from "node:assert/strict";
import { sameParts } from "../../../../../app/components/charts/useStableBy";

const epochs = [{ epoch: 1 }];
const view = { id: "a" };
const pick = (r: { view: object; epochs: object; steps: object }) => [r.view, r.epochs];

test("sameParts: new step points alone do not count as a change", () => {
  assert.equal(sameParts([{ view, epochs, steps: [1] }], [{ view, epochs, steps: [1, 2] }], pick), true);
});

test("sameParts: a new epochs array, a new run view or another number of runs does", () => {
  assert.equal(sameParts([{ view, epochs, steps: [] }], [{ view, epochs: [...epochs], steps: [] }], pick), false);
  assert.equal(sameParts([{ view, epochs, steps: [] }], [{ view: { ...view }, epochs, steps: [] }], pick), false);
  assert.equal(sameParts([{ view, epochs, steps: [] }], [], pick), false);
});
