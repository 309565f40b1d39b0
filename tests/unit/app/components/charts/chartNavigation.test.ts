import { test } from "node:test";
import assert from "node:assert/strict";
import {
  chartKeyAction,
  dataBounds,
  isZoomedIn,
  nextCursorIndex,
  rangeIncluding,
  zoomedRange,
} from "../../../../../app/components/charts/chartNavigation";

test("keys: arrows move (Shift: by ten), Home/End jump, + and - zoom, 0 resets, Escape leaves, others are left alone", () => {
  assert.deepEqual(chartKeyAction("ArrowLeft", false), { type: "move", by: -1 });
  assert.deepEqual(chartKeyAction("ArrowRight", true), { type: "move", by: 10 });
  assert.deepEqual(chartKeyAction("Home", false), { type: "jump", to: "first" });
  assert.deepEqual(chartKeyAction("End", false), { type: "jump", to: "last" });
  assert.deepEqual(chartKeyAction("+", true), { type: "zoom", factor: 0.5 });
  assert.deepEqual(chartKeyAction("=", false), { type: "zoom", factor: 0.5 });
  assert.deepEqual(chartKeyAction("-", false), { type: "zoom", factor: 2 });
  assert.deepEqual(chartKeyAction("0", false), { type: "reset" });
  assert.deepEqual(chartKeyAction("Escape", false), { type: "leave" });
  for (const key of ["Tab", "Enter", " ", "ArrowUp", "a"]) assert.equal(chartKeyAction(key, false), null, key);
});

test("the cursor starts at the given newest point, moves within the data and stops at its ends", () => {
  assert.equal(nextCursorIndex({ type: "move", by: 1 }, null, [0, 99], 40), 40);
  assert.equal(nextCursorIndex({ type: "move", by: -1 }, null, [0, 99]), 99);
  assert.equal(nextCursorIndex({ type: "move", by: -10 }, 50, [0, 99]), 40);
  assert.equal(nextCursorIndex({ type: "move", by: 10 }, 95, [0, 99]), 99);
  assert.equal(nextCursorIndex({ type: "move", by: -1 }, 0, [0, 99]), 0);
  assert.equal(nextCursorIndex({ type: "jump", to: "first" }, 50, [0, 99]), 0);
  assert.equal(nextCursorIndex({ type: "jump", to: "last" }, null, [0, 99]), 99);
});

test("zooming keeps the centre where it is on screen, stays inside the data and never goes below the minimum width", () => {
  assert.deepEqual(zoomedRange([0, 100], 50, 0.5, [0, 100]), [25, 75]);
  // The centre at a quarter of the view stays at a quarter.
  assert.deepEqual(zoomedRange([0, 100], 25, 0.5, [0, 100]), [12.5, 62.5]);
  // Zooming out is capped by the data.
  assert.deepEqual(zoomedRange([40, 60], 50, 8, [0, 100]), [0, 100]);
  assert.deepEqual(zoomedRange([80, 100], 100, 2, [0, 100]), [60, 100]);
  assert.deepEqual(zoomedRange([0, 10], 5, 0.1, [0, 100], 4), [3, 7]);
});

test("rangeIncluding pans just enough to bring a point into view, keeping the width", () => {
  assert.deepEqual(rangeIncluding([10, 20], 15, [0, 100]), [10, 20]);
  assert.deepEqual(rangeIncluding([10, 20], 25, [0, 100]), [15, 25]);
  assert.deepEqual(rangeIncluding([10, 20], 4, [0, 100]), [4, 14]);
  assert.deepEqual(rangeIncluding([90, 100], 120, [0, 100]), [90, 100]);
});

test("isZoomedIn: a view that leaves out data at either end; never for a single point", () => {
  assert.equal(isZoomedIn([0, 100], [0, 100]), false);
  assert.equal(isZoomedIn([-5, 105], [0, 100]), false);
  assert.equal(isZoomedIn([10, 100], [0, 100]), true);
  assert.equal(isZoomedIn([0, 90], [0, 100]), true);
  assert.equal(isZoomedIn([-1, 1], [0, 0]), false);
});

test("dataBounds: the range of the points uPlot was given, not of a column that has grown since", () => {
  const xs = [10, 20, 30];
  assert.deepEqual(dataBounds(xs, 3), [10, 30]);
  xs.push(40, 50); // grown in place before the next setData
  assert.deepEqual(dataBounds(xs, 3), [10, 30]);
  // A double-click fits the view to uPlot's three points: not zoomed in (the whole grown column would say it is).
  assert.equal(isZoomedIn([10, 30], dataBounds(xs, 3)!), false);
  assert.equal(isZoomedIn([10, 30], [xs[0]!, xs[xs.length - 1]!]), true);
  assert.deepEqual(dataBounds(xs, 9), [10, 50]);
  assert.equal(dataBounds([], 0), null);
});
