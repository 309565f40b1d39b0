import { test } from "node:test";
import assert from "node:assert/strict";
import { AlignedTables } from "../../../../../app/components/charts/alignedTables";
import { alignTables, type XYTable } from "../../../../../app/components/charts/chartModel";

/** A table the test grows in place, as the step chart grows each run's lines. */
function growing(xs: number[], ...ys: number[][]): { xs: number[]; ys: number[][] } {
  return { xs, ys };
}

function push(t: { xs: number[]; ys: number[][] }, x: number, ...ys: number[]) {
  t.xs.push(x);
  ys.forEach((y, j) => t.ys[j]!.push(y));
}

const fromScratch = (tables: readonly XYTable[]) => {
  const { xs, columns } = alignTables(tables);
  return [xs, ...columns];
};

test("tables that grow at their end give the same columns as aligning them from scratch, one run ahead of the other", () => {
  const a = growing([0, 7, 14], [5, 4, 3]);
  const b = growing([3, 8], [9, 8], [1, 2]);
  const aligned = new AlignedTables();
  assert.deepEqual(aligned.update([a, b]), fromScratch([a, b]));
  // a runs ahead: b's new points land between a's, on a new slot (11) and on one a already has (14).
  push(a, 21, 2);
  push(b, 11, 7, 3);
  assert.deepEqual(aligned.update([a, b]), fromScratch([a, b]));
  push(b, 14, 6, 4);
  push(b, 30, 5, 5);
  assert.deepEqual(aligned.update([a, b]), fromScratch([a, b]));
  push(a, 22, NaN);
  const data = aligned.update([a, b]);
  assert.deepEqual(data, fromScratch([a, b]));
  assert.equal(data[1]![data[0].indexOf(22)], null, "a non-finite value is still a gap");
});

test("a new outer array whenever something changed, the same one when nothing did; the columns are kept", () => {
  const a = growing([0, 1], [5, 4]);
  const aligned = new AlignedTables();
  const first = aligned.update([a]);
  assert.equal(aligned.update([a]), first);
  push(a, 2, 3);
  const second = aligned.update([a]);
  assert.notEqual(second, first);
  assert.equal(second[0], first[0], "grown in place");
  assert.deepEqual(second, [
    [0, 1, 2],
    [5, 4, 3],
  ]);
});

test("a replaced table, one more table or a shorter one aligns from scratch into new columns", () => {
  const a = growing([0, 1], [5, 4]);
  const b = growing([1, 2], [7, 6]);
  const aligned = new AlignedTables();
  const first = aligned.update([a]);
  const both = aligned.update([a, b]);
  assert.notEqual(both[0], first[0]);
  assert.deepEqual(both, fromScratch([a, b]));
  const thinned = growing([0], [5]);
  assert.deepEqual(aligned.update([thinned, b]), fromScratch([thinned, b]));
  const shorter = { xs: [1], ys: [[7]] };
  assert.deepEqual(aligned.update([thinned, shorter]), fromScratch([thinned, shorter]));
});
