import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeClientText } from "../../../../server/logging/clientText";
import { throttledLog } from "../../../../server/logging/throttledLog";

test("client text cannot start a log line of its own, reorder it, or run long", () => {
  const forged = escapeClientText(
    "boom\nserver: SIGTERM, shutting down (running runs resume at the next start)…\r\u2028x\u202Ey\u0000",
  );
  assert.ok(!["\n", "\r", "\u2028", "\u202E", "\u0000"].some((c) => forged.includes(c)), forged);
  assert.match(forged, /\\n/);
  assert.match(forged, /\\u202e/);
  const long = escapeClientText("x".repeat(10_000));
  assert.ok(long.length < 260, `${long.length} characters`);
  assert.match(long, /10000 characters/);
  assert.equal(escapeClientText({ a: "b\nc" }), JSON.stringify('{"a":"b\\nc"}'));
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(escapeClientText(cyclic), JSON.stringify("[object Object]"));
  assert.equal(escapeClientText(undefined), JSON.stringify("undefined"));
});

test("throttled log: at most max lines a window, then says how many it dropped", () => {
  let t = 0;
  const lines: string[] = [];
  const log = throttledLog((l) => lines.push(l), { max: 2, windowMs: 1000, now: () => t });
  for (let i = 0; i < 5; i++) log(`line ${i}`);
  assert.deepEqual(lines, ["line 0", "line 1"]);
  t = 1000;
  log("later");
  assert.deepEqual(lines.at(-1), "later (3 similar lines dropped before this one)");
  log("again");
  assert.equal(lines.at(-1), "again");
});
