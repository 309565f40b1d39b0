import { test } from "node:test";
import assert from "node:assert/strict";
import { alignTables, forLogAxis, sameData } from "../../../../../app/components/charts/chartModel";

test("alignTables joins two runs' steps onto their union; a run's missing steps are undefined (lines continue)", () => {
  const { xs, columns } = alignTables([
    { xs: [0, 10, 20], ys: [[5, 4, 3]] },
    {
      xs: [5, 10, 30],
      ys: [
        [9, 8, 7],
        [1, 2, 3],
      ],
    },
  ]);
  assert.deepEqual(xs, [0, 5, 10, 20, 30]);
  assert.deepEqual(columns, [
    [5, undefined, 4, 3, undefined],
    [undefined, 9, 8, undefined, 7],
    [undefined, 1, 2, undefined, 3],
  ]);
});

test("alignTables turns non-finite values into null: a real gap in the line, not a hole to bridge", () => {
  const { columns } = alignTables([{ xs: [1, 2, 3], ys: [[1, NaN, Infinity]] }]);
  assert.deepEqual(columns, [[1, null, null]]);
});

test("alignTables of empty runs is empty, and columns still line up with their lines", () => {
  assert.deepEqual(alignTables([]), { xs: [], columns: [] });
  assert.deepEqual(alignTables([{ xs: [], ys: [[], []] }]), { xs: [], columns: [[], []] });
  const { xs, columns } = alignTables([
    { xs: [], ys: [[]] },
    { xs: [3], ys: [[7]] },
  ]);
  assert.deepEqual(xs, [3]);
  assert.deepEqual(columns, [[undefined], [7]]);
});

test("forLogAxis drops zero and negatives (no position on a log axis) and keeps positives", () => {
  const out = forLogAxis([2, 0, -1, 0.5]);
  assert.equal(out[0], 2);
  assert.ok(Number.isNaN(out[1]!) && Number.isNaN(out[2]!));
  assert.equal(out[3], 0.5);
});

test("sameData compares numbers, holes and gaps, not identities", () => {
  assert.ok(
    sameData(
      [
        [1, 2],
        [3, undefined],
      ],
      [
        [1, 2],
        [3, undefined],
      ],
    ),
  );
  assert.ok(
    !sameData(
      [
        [1, 2],
        [3, undefined],
      ],
      [
        [1, 2],
        [3, null],
      ],
    ),
  );
  assert.ok(
    !sameData(
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 2, 3],
        [3, 4, 5],
      ],
    ),
  );
  assert.ok(!sameData([[1]], [[1], [2]]));
  assert.ok(sameData([[NaN]], [[NaN]]));
});
