import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../../../../lib/model/config";
import { createMemoryRepositories } from "../../../../server/repositories/memory";
import { CheckpointCache } from "../../../../server/sessions/checkpointCache";
import { RunRecorder } from "../../../../server/sessions/runRecorder";
import { artifacts } from "../repositories/artifacts";

test("the recorder thins a run's checkpoints as they arrive: milestones and the newest two stay, gallery picks too", async () => {
  const repos = createMemoryRepositories();
  const cache = new CheckpointCache();
  const recorder = new RunRecorder(repos, () => {}, undefined, cache);
  const session = await repos.sessions.create({ title: "t", dataset: "mnist", ownerTokenHash: "a".repeat(64) });
  const config = resolveConfig("vae-seed", { epochs: 12 });
  const run = await repos.runs.create({
    sessionId: session.id,
    index: 0,
    preset: "vae-seed",
    config,
    status: "training",
  });
  const ids = new Map<number, string>();
  for (let epoch = 1; epoch <= 12; epoch++) {
    const summary = await recorder.addCheckpoint(run.id, epoch, artifacts(config, epoch, epoch));
    ids.set(epoch, summary.id);
    if (epoch === 3) {
      // Somebody saves a picture made with epoch 3 before it would be pruned.
      await repos.gallery.create({
        sessionId: session.id,
        checkpointId: summary.id,
        kind: "generation",
        title: "x",
        png: new Uint8Array([1]),
        meta: {},
        authorTokenHash: "b",
      });
    }
  }
  await recorder.flush(run.id);
  assert.deepEqual(
    (await repos.checkpoints.list(run.id)).map((c) => c.epoch),
    [1, 2, 3, 5, 10, 11, 12],
  );
  assert.equal((await repos.checkpoints.latest(run.id))?.epoch, 12, "the newest checkpoint is never pruned");
  const loadsFromRepo: string[] = [];
  const pruned = await cache.get(ids.get(4)!, async (id) => {
    loadsFromRepo.push(id);
    return repos.checkpoints.get(id);
  });
  assert.equal(pruned, null, "a pruned checkpoint is gone from the cache as well");
  assert.deepEqual(loadsFromRepo, [ids.get(4)]);
});
