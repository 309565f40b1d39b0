import assert from "node:assert/strict";
import { test } from "node:test";
import { deriveSeed, mulberry32, permutation, trainingMasks } from "../../../../server/training/loop/random";

test("permutation is a seeded shuffle of 0..n-1", () => {
  const a = permutation(1000, mulberry32(5));
  assert.deepEqual(
    Array.from(a).sort((x, y) => x - y),
    Array.from({ length: 1000 }, (_, i) => i),
  );
  assert.deepEqual(a, permutation(1000, mulberry32(5)));
  assert.notDeepEqual(a, permutation(1000, mulberry32(6)));
  assert.notDeepEqual(Array.from(a.subarray(0, 10)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test("deriveSeed gives distinct positive 31-bit seeds per purpose and index", () => {
  const seeds = new Set<number>();
  for (let p = 0; p < 5; p++) for (let i = 0; i < 200; i++) seeds.add(deriveSeed(42, p, i));
  assert.equal(seeds.size, 1000);
  assert.ok([...seeds].every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31));
});

test("training masks: about half the centred 10x10 hole, the rest a 6..16 rectangle inside the image", () => {
  const batch = 400;
  const masks = trainingMasks(batch, mulberry32(1));
  let centred = 0;
  for (let b = 0; b < batch; b++) {
    const m = masks.subarray(b * 784, (b + 1) * 784);
    const rows = new Set<number>();
    const cols = new Set<number>();
    m.forEach((v, i) => {
      if (v === 0) {
        rows.add(Math.floor(i / 28));
        cols.add(i % 28);
      } else assert.equal(v, 1);
    });
    const holes = m.filter((v) => v === 0).length;
    assert.equal(holes, rows.size * cols.size, "the hole is one rectangle");
    assert.ok(rows.size >= 6 && rows.size <= 16 && cols.size >= 6 && cols.size <= 16);
    if (rows.size === 10 && cols.size === 10 && Math.min(...rows) === 10 && Math.min(...cols) === 10) centred++;
  }
  assert.ok(centred > 150 && centred < 260, `centred holes: ${centred} of ${batch}`);
});
