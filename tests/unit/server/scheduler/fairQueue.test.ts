import assert from "node:assert/strict";
import { test } from "node:test";
import { FairQueue } from "../../../../server/scheduler/fairQueue";

const entry = (runId: string, clientHash: string | null) => ({ runId, startPaused: false, clientHash });

test("a client's k-th run waits behind every other client's earlier-ranked runs; equal ranks keep arrival order", () => {
  const q = new FairQueue();
  for (const id of ["a1", "a2", "a3"]) q.add(entry(id, "a"), 0);
  q.add(entry("b1", "b"), 0);
  q.add(entry("b2", "b"), 0);
  q.add(entry("c1", "c"), 0);
  assert.deepEqual(q.order(), ["a1", "b1", "c1", "a2", "b2", "a3"]);
  assert.equal(q.position("c1"), 3);
  assert.equal(q.position("zz"), undefined);
});

test("runs holding a training slot count towards the client's rank", () => {
  const q = new FairQueue();
  q.add(entry("a2", "a"), 1); // a1 trains: a2 is its 2nd
  q.add(entry("b1", "b"), 0);
  assert.deepEqual(q.order(), ["b1", "a2"]);
});

test("unknown clients rank first, in arrival order; remove and shift keep the order", () => {
  const q = new FairQueue();
  q.add(entry("a1", "a"), 3);
  q.add(entry("x", null), 0);
  q.add(entry("y", null), 0);
  assert.deepEqual(q.order(), ["x", "y", "a1"]);
  q.remove("y");
  assert.equal(q.shift()?.runId, "x");
  assert.deepEqual(q.order(), ["a1"]);
  assert.equal(q.length, 1);
});
