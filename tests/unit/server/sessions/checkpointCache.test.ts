import assert from "node:assert/strict";
import { test } from "node:test";
import { createMemoryRepositories } from "../../../../server/repositories/memory";
import type { CheckpointRecord } from "../../../../server/repositories/types";
import { CheckpointCache, checkpointBytes } from "../../../../server/sessions/checkpointCache";
import { RunRecorder } from "../../../../server/sessions/runRecorder";
import { fakeArtifacts } from "../scheduler/fakes";
import { seedSessionRun } from "../../../support/runFixtures";

const record = (id: string, runId = "r"): CheckpointRecord => ({
  id,
  runId,
  epoch: 1,
  createdAt: new Date(),
  artifacts: fakeArtifacts(1),
});
/** A budget of `n` fake checkpoints (all the same size). */
const room = (n: number) => n * checkpointBytes(record("x"));

test("LRU: hits do not load, the least recently used entry goes first, deleted runs are forgotten", async () => {
  const cache = new CheckpointCache(room(2));
  const loads: string[] = [];
  const load = async (id: string) => {
    loads.push(id);
    return record(id, id === "c" ? "other" : "r");
  };
  await cache.get("a", load);
  await cache.get("b", load);
  await cache.get("a", load); // hit; b is now the oldest
  await cache.get("c", load); // evicts b
  await cache.get("a", load);
  await cache.get("b", load);
  assert.deepEqual(loads, ["a", "b", "c", "b"]);
  cache.dropRuns(["other"]);
  await cache.get("c", load);
  assert.equal(loads.at(-1), "c", "dropped run reloads");
});

test("a checkpoint the recorder stores is served from memory afterwards", async () => {
  const repos = createMemoryRepositories();
  const { run } = await seedSessionRun(repos);
  const cache = new CheckpointCache();
  const recorder = new RunRecorder(repos, () => {}, undefined, cache);
  const summary = await recorder.addCheckpoint(run.id, 1, fakeArtifacts(1));
  const hit = await cache.get(summary.id, async () => assert.fail("should not hit the database"));
  assert.equal(hit?.epoch, 1);
  assert.equal(hit.runId, run.id);
});

test("variants are computed once per cached checkpoint and forgotten with it", async () => {
  const cache = new CheckpointCache(room(1) + 100);
  const a = (await cache.get("a", async (id) => record(id)))!;
  let computed = 0;
  const half = () => {
    computed++;
    return { modelJson: {}, weightData: new ArrayBuffer(computed) };
  };
  const first = cache.variant(a, "decoder:float16", half);
  assert.equal(cache.variant(a, "decoder:float16", half), first);
  assert.equal(computed, 1);
  cache.variant(a, "encoder:float16", half);
  assert.equal(computed, 2, "another key is another variant");

  await cache.get("b", async (id) => record(id)); // evicts a, and its variants
  const again = (await cache.get("a", async (id) => record(id)))!;
  assert.notEqual(cache.variant(again, "decoder:float16", half), first);
  assert.equal(computed, 3);

  const stranger = record("zz");
  cache.variant(stranger, "decoder:float16", half);
  cache.variant(stranger, "decoder:float16", half);
  assert.equal(computed, 5, "a record not in the cache is not memoised");
});

test("the cache keeps model files only: Adam's state is dropped, and derived variants still stay cached", async () => {
  const cache = new CheckpointCache(room(2));
  const withState: CheckpointRecord = {
    ...record("s"),
    artifacts: { ...fakeArtifacts(1), optimizer: { step: 3, moments: new ArrayBuffer(64) } },
  };
  let loads = 0;
  const got = await cache.get("s", async () => {
    loads++;
    return withState;
  });
  assert.equal(got?.artifacts.optimizer, undefined);
  assert.equal(got?.artifacts.decoder, withState.artifacts.decoder);
  const again = await cache.get("s", async () => null);
  assert.equal(again, got, "a hit returns the cached record");
  let computed = 0;
  const variant = () => (computed++, got.artifacts.decoder);
  cache.variant(got, "decoder:float16", variant);
  cache.variant(again, "decoder:float16", variant);
  assert.equal(computed, 1, "the variant is computed once for the cached record");
  assert.equal(loads, 1);
});

test("capped by bytes: big checkpoints push out several small ones, one larger than the budget is served but not kept", async () => {
  const small = checkpointBytes(record("x"));
  const cache = new CheckpointCache(small * 4);
  for (const id of ["a", "b", "c", "d"]) await cache.get(id, async (i) => record(i));
  assert.equal(cache.size, 4);
  assert.equal(cache.bytes, small * 4);
  const big: CheckpointRecord = {
    ...record("big"),
    artifacts: { ...fakeArtifacts(1), decoder: { modelJson: {}, weightData: new ArrayBuffer(small * 2) } },
  };
  await cache.get("big", async () => big);
  assert.ok(cache.bytes <= small * 4, `within the budget (${cache.bytes} of ${small * 4} bytes)`);
  const held = async (id: string) => (await cache.get(id, async () => null)) !== null;
  assert.equal(await held("big"), true);
  assert.equal(await held("d"), true, "the newest small one stays");
  assert.equal(await held("a"), false, "the oldest made room");
  const huge: CheckpointRecord = {
    ...record("huge"),
    artifacts: { ...fakeArtifacts(1), decoder: { modelJson: {}, weightData: new ArrayBuffer(small * 5) } },
  };
  let loads = 0;
  const load = async () => (loads++, huge);
  assert.equal(await cache.get("huge", load), huge, "served");
  await cache.get("huge", load);
  assert.equal(loads, 2, "not kept: every request loads it");
  assert.ok(cache.bytes <= small * 4);
});

test("variants count against the budget", async () => {
  const small = checkpointBytes(record("x"));
  const cache = new CheckpointCache(small * 2);
  const a = (await cache.get("a", async (id) => record(id)))!;
  await cache.get("b", async (id) => record(id));
  cache.variant(a, "decoder:float16", () => ({ modelJson: {}, weightData: new ArrayBuffer(small) }));
  assert.ok(cache.bytes <= small * 2, `${cache.bytes} bytes held`);
  let reloaded = false;
  await cache.get("b", async (id) => ((reloaded = true), record(id)));
  assert.ok(reloaded, "b (least recently used) made room for a's variant");
});
