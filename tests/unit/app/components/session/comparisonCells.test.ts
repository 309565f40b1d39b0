import { test } from "node:test";
import assert from "node:assert/strict";
import { columnNames, pendingText } from "../../../../../app/components/session/comparisonCells";

test("the columns: label accuracy only with a label run, hole error only with an inpainting run", () => {
  assert.deepEqual(columnNames({ label: false, inpaint: false }), ["−log p(x)", "−ELBO", "recon / KL", "Took"]);
  assert.deepEqual(columnNames({ label: true, inpaint: true }), [
    "−log p(x)",
    "−ELBO",
    "recon / KL",
    "Label accuracy",
    "Hole error",
    "Took",
  ]);
});

test("a run without numbers says when it gets them", () => {
  assert.equal(pendingText("training"), "evaluated when the run finishes");
  assert.equal(pendingText("done"), "not evaluated");
  assert.equal(pendingText("failed"), "not evaluated: the run did not finish");
});
