import assert from "node:assert/strict";
import { test } from "node:test";
import { epochsToPrune, isMilestoneEpoch, KEEP_NEWEST } from "../../../../server/sessions/checkpointRetention";

test("milestones are the 1-2-5 series", () => {
  const upTo600 = Array.from({ length: 600 }, (_, i) => i + 1).filter(isMilestoneEpoch);
  assert.deepEqual(upTo600, [1, 2, 5, 10, 20, 50, 100, 200, 500]);
  for (const bad of [0, -1, 2.5, NaN]) assert.equal(isMilestoneEpoch(bad), false);
});

test("short runs keep everything; the newest checkpoints are always kept", () => {
  assert.deepEqual(epochsToPrune([1, 2, 3, 4]), []);
  assert.deepEqual(epochsToPrune([1, 2, 3, 4, 5]), [3]);
  assert.deepEqual(epochsToPrune([3, 4]), [], `the newest ${KEEP_NEWEST} stay even if they are not milestones`);
  assert.deepEqual(epochsToPrune([]), []);
});

test("a 500-epoch run, pruned after every checkpoint as the recorder does, ends with milestones + the newest", () => {
  let stored: number[] = [];
  let most = 0;
  for (let epoch = 1; epoch <= 500; epoch++) {
    stored.push(epoch);
    const prune = new Set(epochsToPrune(stored));
    stored = stored.filter((e) => !prune.has(e));
    most = Math.max(most, stored.length);
  }
  assert.deepEqual(stored, [1, 2, 5, 10, 20, 50, 100, 200, 499, 500]);
  assert.ok(most <= 12, `never more than 12 stored at once (saw ${most})`);
});
