import { test } from "node:test";
import assert from "node:assert/strict";
import { ema, EmaState, logTicks, niceTicks, paddedExtent } from "../../../../../app/components/charts/chartMath";

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test("ema with weight 0 is the raw series", () => {
  assert.deepEqual(ema([3, 1, 4, 1, 5], 0), [3, 1, 4, 1, 5]);
});

test("ema is debiased: a constant series stays constant from the first point", () => {
  for (const v of ema([7, 7, 7, 7], 0.9)) close(v, 7);
});

test("ema smooths a step towards the new level, monotonically", () => {
  const out = ema([0, 0, 0, 10, 10, 10, 10], 0.5);
  close(out[2]!, 0);
  assert.ok(out[3]! > 0 && out[3]! < 10);
  for (let i = 4; i < out.length; i++) assert.ok(out[i]! > out[i - 1]! && out[i]! < 10);
});

test("ema passes non-finite values through without poisoning later points", () => {
  const out = ema([1, NaN, 1], 0.5);
  assert.ok(Number.isNaN(out[1]!));
  close(out[2]!, 1);
});

test("padded extent ignores non-finite values and, on log axes, non-positive ones", () => {
  const [lo, hi] = paddedExtent([0, 10, NaN, Infinity])!;
  close(lo, -0.5);
  close(hi, 10.5);
  const [llo, lhi] = paddedExtent([0, 10, 1000], true)!;
  assert.ok(llo < 10 && llo > 5 && lhi > 1000);
  assert.equal(paddedExtent([NaN]), null);
  assert.equal(paddedExtent([-1, 0], true), null);
});

test("padded extent of a single value opens a range around it (linear and log)", () => {
  const [lo, hi] = paddedExtent([100])!;
  assert.ok(lo < 100 && hi > 100);
  const [llo, lhi] = paddedExtent([100], true)!;
  close(llo * lhi, 100 * 100, 1e-6);
});

test("nice ticks are round and inside the range", () => {
  assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(97.3, 104.1, 4), [98, 100, 102, 104]);
  assert.deepEqual(niceTicks(0.1, 0.35, 5), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
});

test("log ticks use 1-2-5 inside two decades and powers of ten beyond, never the range's own ragged ends", () => {
  assert.deepEqual(logTicks(80, 600), [100, 200, 500]);
  assert.deepEqual(logTicks(14.84, 130), [20, 50, 100]);
  assert.deepEqual(logTicks(1, 1e5), [1, 10, 100, 1000, 10000, 100000]);
  assert.ok(logTicks(101, 104).length >= 2, "a narrow range still gets ticks");
});

test("EmaState, one value at a time, gives exactly ema's numbers (the live chart extends its lines with it)", () => {
  const values = [3, 1, NaN, 4, 1, 5, Infinity, 9, 2, 6];
  for (const weight of [0, 0.3, 0.6, 0.99, 1.5]) {
    const state = new EmaState(weight);
    assert.deepEqual(
      values.map((v) => state.next(v)),
      ema(values, weight),
    );
  }
});
