import assert from "node:assert/strict";
import { test } from "node:test";
import { ProgressThrottle, type ThrottleClock } from "../../../../server/sessions/progressThrottle";

/** A manual clock: timers fire only when the test advances time. */
function manualClock() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: ThrottleClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn, id: nextId++ };
      timers.push(t);
      return t.id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of [...timers].sort((a, b) => a.at - b.at)) {
      if (t.at <= now) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    }
  };
  return { clock, advance };
}

test("at most one flush per interval, keeping only the latest progress of each run", () => {
  const { clock, advance } = manualClock();
  const out: [string, number][] = [];
  const t = new ProgressThrottle<number>(100, (run, p) => out.push([run, p]), clock);
  t.push("a", 1); // first one goes out at once
  for (let i = 2; i <= 50; i++) {
    advance(1);
    t.push("a", i);
  }
  assert.deepEqual(out, [["a", 1]]);
  advance(60); // 100 ms after the first flush
  assert.deepEqual(out, [
    ["a", 1],
    ["a", 50],
  ]);
  // 1 second of steady 1 kHz input -> at most 10 flushes
  out.length = 0;
  for (let i = 0; i < 1000; i++) {
    advance(1);
    t.push("a", i);
  }
  assert.ok(out.length <= 10, `${out.length} flushes in 1 s`);
  assert.ok(out.length >= 9);
});

test("flush() emits pending progress of every run immediately (before an epoch event)", () => {
  const { clock, advance } = manualClock();
  const out: [string, number][] = [];
  const t = new ProgressThrottle<number>(100, (run, p) => out.push([run, p]), clock);
  t.push("a", 1);
  advance(10);
  t.push("a", 2);
  t.push("b", 7);
  t.flush();
  assert.deepEqual(out, [
    ["a", 1],
    ["a", 2],
    ["b", 7],
  ]);
  advance(200);
  assert.equal(out.length, 3, "nothing left pending after flush");
});

test("dispose drops pending progress and its timer", () => {
  const { clock, advance } = manualClock();
  const out: number[] = [];
  const t = new ProgressThrottle<number>(100, (_r, p) => out.push(p), clock);
  t.push("a", 1);
  t.push("a", 2);
  t.dispose();
  advance(500);
  assert.deepEqual(out, [1]);
});
