import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultRowLabels } from "../../../../../app/components/session/GridList";
import { nextReplayStop } from "../../../../../app/components/session/useGridReplay";

test("a replay starts at the first epoch, steps one at a time, and ends on live instead of the newest epoch", () => {
  const epochs = [1, 2, 3, 4];
  assert.equal(nextReplayStop(epochs, null), 1);
  assert.equal(nextReplayStop(epochs, 1), 2);
  assert.equal(nextReplayStop(epochs, 2), 3);
  assert.equal(nextReplayStop(epochs, 3), null, "epoch 4 is what live shows");
  assert.equal(nextReplayStop([1], null), null);
});

test("row labels when the server sends none: digits, the inpainting rows, original and recon", () => {
  assert.deepEqual(defaultRowLabels({ kind: "label-rows", rows: 10 }), [
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
  ]);
  assert.deepEqual(defaultRowLabels({ kind: "inpaint-test", rows: 3 }), ["flawed", "filled", "original"]);
  assert.deepEqual(defaultRowLabels({ kind: "reconstruction", rows: 2 }), ["original", "recon"]);
  assert.equal(defaultRowLabels({ kind: "prior", rows: 8 }), undefined);
});
