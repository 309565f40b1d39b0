import assert from "node:assert/strict";
import { test } from "node:test";
import { memoryReleaser } from "../../../../server/runtime/memoryRelease";

test("after runs end: one full GC, then the allocator's trim, once for ends close together", async () => {
  const calls: string[] = [];
  const releaser = memoryReleaser({
    delayMs: 20,
    gc: () => calls.push("gc"),
    allocator: { available: true, trim: () => (calls.push("trim"), true), setMmapThreshold: () => true },
  });
  releaser.releaseSoon();
  releaser.releaseSoon();
  assert.deepEqual(calls, [], "not at once: the run's last writes land first");
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(calls, ["gc", "trim"]);
  releaser.releaseSoon();
  releaser.close();
  await new Promise((r) => setTimeout(r, 40));
  assert.deepEqual(calls, ["gc", "trim"], "closed: nothing pending runs");
});
