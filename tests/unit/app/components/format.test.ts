import { test } from "node:test";
import assert from "node:assert/strict";
import { formatCreated, formatDuration, formatInt, formatNats, formatTick } from "../../../../app/components/format";

test("integers get thousands separators", () => {
  assert.equal(formatInt(2310.4), "2,310");
  assert.equal(formatInt(NaN), "–");
});

test("durations read naturally", () => {
  assert.equal(formatDuration(41.2), "41 s");
  assert.equal(formatDuration(125), "2 min 05 s");
  assert.equal(formatDuration(3780), "1 h 03 min");
  assert.equal(formatDuration(-1), "–");
});

test("nats keep one decimal for big losses and three digits for small ones", () => {
  assert.equal(formatNats(104.24), "104.2");
  assert.equal(formatNats(3.14159), "3.14");
});

test("tick labels are compact", () => {
  assert.equal(formatTick(12000), "12k");
  assert.equal(formatTick(120), "120");
  assert.equal(formatTick(0.0234), "0.023");
});

test("creation dates are relative when recent", () => {
  const now = new Date("2026-11-26T17:10:00Z");
  assert.equal(formatCreated("2026-11-26T17:09:30Z", now), "just now");
  assert.equal(formatCreated("2026-11-26T17:05:00Z", now), "5 min ago");
  assert.match(formatCreated("2026-11-20T17:05:00Z", now), /Nov 20/);
});
