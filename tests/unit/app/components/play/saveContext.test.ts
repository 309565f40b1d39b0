import { test } from "node:test";
import assert from "node:assert/strict";
import { resultFileName, saveContext, savedMeta } from "../../../../../app/components/play/saveContext";

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

test("a saved result's meta adds the grid's shape and only the context fields that are known", () => {
  const grid = { rows: 2, cols: 5 };
  assert.deepEqual(savedMeta({ seed: 7 }, grid, { sessionId: "s1", checkpointId: null }), {
    seed: 7,
    rows: 2,
    cols: 5,
  });
  assert.deepEqual(
    savedMeta({ seed: 7 }, grid, {
      sessionId: "s1",
      checkpointId: "c1",
      runId: "r1",
      preset: "vae-seed",
      epoch: 0,
      backend: "wasm",
    }),
    { seed: 7, rows: 2, cols: 5, runId: "r1", preset: "vae-seed", epoch: 0, backend: "wasm" },
    "epoch 0 is known",
  );
});

test("a result's download is named after the session, the kind, the title, the epoch and the seed", () => {
  const name = resultFileName(
    { sessionId: "s1", sessionTitle: "My run", checkpointId: null, epoch: 3 },
    "generation",
    "Samples",
    {
      seed: 42,
    },
  );
  assert.equal(name, "my-run_s1_generation_samples_epoch3_seed42.png");
});
