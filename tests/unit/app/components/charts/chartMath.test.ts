import { test } from "node:test";
import assert from "node:assert/strict";
import {
  downsampleLttb,
  ema,
  linearScale,
  linePath,
  logScale,
  logTicks,
  niceTicks,
  paddedExtent,
} from "../../../../../app/components/charts/chartMath";

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

test("lttb keeps first, last and spikes, and returns exactly the threshold", () => {
  const pts = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i === 500 ? 100 : Math.sin(i / 50) }));
  const out = downsampleLttb(pts, 50);
  assert.equal(out.length, 50);
  assert.deepEqual(out[0], pts[0]);
  assert.deepEqual(out[49], pts[999]);
  assert.ok(out.some((p) => p.y === 100), "the spike survives");
  for (let i = 1; i < out.length; i++) assert.ok(out[i]!.x > out[i - 1]!.x, "x stays sorted");
});

test("lttb returns small inputs unchanged", () => {
  const pts = [{ x: 0, y: 1 }, { x: 1, y: 2 }];
  assert.deepEqual(downsampleLttb(pts, 10), pts);
});

test("linear scale maps the domain onto the range, inverted ranges included", () => {
  const s = linearScale([0, 10], [100, 0]);
  close(s(0), 100);
  close(s(10), 0);
  close(s(2.5), 75);
  close(linearScale([5, 5], [0, 10])(5), 5);
});

test("log scale spaces decades evenly and clamps non-positive values", () => {
  const s = logScale([1, 1000], [0, 300]);
  close(s(10), 100);
  close(s(100), 200);
  close(s(0), 0);
  close(s(-5), 0);
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

test("nice ticks are round and inside the range", () => {
  assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(97.3, 104.1, 4), [98, 100, 102, 104]);
  assert.deepEqual(niceTicks(0.1, 0.35, 5), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
});

test("log ticks use 1-2-5 inside two decades and powers of ten beyond", () => {
  assert.deepEqual(logTicks(80, 600), [100, 200, 500]);
  assert.deepEqual(logTicks(1, 1e5), [1, 10, 100, 1000, 10000, 100000]);
  assert.ok(logTicks(101, 104).length >= 2, "a narrow range still gets ticks");
});

test("line path breaks at non-finite points", () => {
  const id = (v: number) => v;
  assert.equal(linePath([{ x: 0, y: 0 }, { x: 1, y: NaN }, { x: 2, y: 2 }, { x: 3, y: 3 }], id, id), "M0.0 0.0M2.0 2.0L3.0 3.0");
});
