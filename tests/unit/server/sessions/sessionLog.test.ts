import assert from "node:assert/strict";
import { test } from "node:test";
import { DeltaSchemas } from "../../../../lib/contracts/socket";
import { InProcessSessionLog, SEQ_EVENTS, type LogEntry } from "../../../../server/sessions/sessionLog";

test("the in-process log numbers each session's entries 1, 2, 3 and delivers them before append returns", async () => {
  const log = new InProcessSessionLog();
  const got: LogEntry[] = [];
  const stop = log.subscribe("a", await log.head("a"), (e) => got.push(e));
  const seq = log.append("a", { event: "gallery:deleted", payload: { itemId: "x" } });
  assert.equal(got.length, 1, "delivered synchronously");
  assert.equal(await seq, 1);
  await log.append("b", { event: "gallery:deleted", payload: { itemId: "y" } });
  await log.append("a", { event: "gallery:deleted", payload: { itemId: "z" } });
  assert.deepEqual(
    got.map((e) => [e.seq, e.payload]),
    [
      [1, { itemId: "x" }],
      [2, { itemId: "z" }],
    ],
    "other sessions are not delivered",
  );
  assert.equal(await log.head("b"), 1, "each session counts on its own");
  stop();
  await log.append("a", { event: "gallery:deleted", payload: { itemId: "w" } });
  assert.equal(got.length, 2, "unsubscribed");
  assert.equal(await log.head("a"), 3);
  await log.drop("a");
  assert.equal(await log.head("a"), 0);
});

test("every seq-numbered delta of the socket contract is a log event (gallery deltas too), and nothing else", () => {
  assert.deepEqual([...SEQ_EVENTS], Object.keys(DeltaSchemas));
  assert.ok(SEQ_EVENTS.includes("gallery:created") && SEQ_EVENTS.includes("gallery:deleted"));
});
