import { test } from "node:test";
import assert from "node:assert/strict";
import { saveContext } from "../../../../../app/components/play/saveContext";

test("a gallery save from the Play view records the session, the loaded checkpoint's run and epoch, and the backend", () => {
  assert.deepEqual(saveContext("s1", "my run", { checkpointId: "c9", runId: "r2", epoch: 4 }, "cvae-label", "wasm"), {
    sessionId: "s1",
    sessionTitle: "my run",
    checkpointId: "c9",
    runId: "r2",
    preset: "cvae-label",
    epoch: 4,
    backend: "wasm",
  });
});
