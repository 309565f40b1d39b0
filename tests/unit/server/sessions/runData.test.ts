import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_ANIMATION_FRAMES, pickFrameEpochs } from "../../../../server/sessions/runData";

test("pickFrameEpochs keeps every epoch of a short run", () => {
  assert.deepEqual(pickFrameEpochs([1, 2, 3]), [1, 2, 3]);
});

test("pickFrameEpochs thins a long run evenly, keeping the first and last epoch", () => {
  const epochs = Array.from({ length: 500 }, (_, i) => i + 1);
  const picked = pickFrameEpochs(epochs);
  assert.equal(picked.length, MAX_ANIMATION_FRAMES);
  assert.equal(picked[0], 1);
  assert.equal(picked.at(-1), 500);
  const steps = picked.slice(1).map((e, i) => e - picked[i]!);
  assert.ok(Math.max(...steps) - Math.min(...steps) <= 1, `uneven steps ${steps}`);
  assert.deepEqual(pickFrameEpochs([1, 2, 3, 4, 5], 3), [1, 3, 5]);
});
