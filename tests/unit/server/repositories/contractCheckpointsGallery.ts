import assert from "node:assert/strict";
import { test } from "node:test";
import { artifacts } from "./artifacts";
import type { ContractContext } from "./contract";

/** The repository contract, part: Checkpoints (weights byte-exact, Adam state, pruning) and gallery items (paging, per-session counts). */
export function checkpointsGalleryContract(ctx: ContractContext): void {
  test("checkpoints: add/get/latest/list; weights are byte-exact ArrayBuffers; same epoch replaces and keeps the id", async () => {
    const r = await ctx.newRun();
    const art1 = artifacts(r.config, 1, 7);
    const c1 = await ctx.repos.checkpoints.add(r.id, 1, art1);
    const c2 = await ctx.repos.checkpoints.add(r.id, 2, artifacts(r.config, 2, 9));
    assert.equal(c1.decoderBytes, art1.decoder.weightData.byteLength);
    assert.equal(c1.epoch, 1);
    const got = await ctx.repos.checkpoints.get(c1.id);
    assert.ok(got);
    assert.ok(got.artifacts.decoder.weightData instanceof ArrayBuffer);
    assert.equal(got.artifacts.decoder.weightData.byteLength, art1.decoder.weightData.byteLength);
    assert.deepEqual(new Uint8Array(got.artifacts.decoder.weightData), new Uint8Array(art1.decoder.weightData));
    assert.deepEqual(new Uint8Array(got.artifacts.encoder.weightData), new Uint8Array(art1.encoder.weightData));
    assert.deepEqual(got.artifacts.meta, art1.meta);
    assert.deepEqual(got.artifacts.decoder.modelJson, art1.decoder.modelJson);
    assert.equal((await ctx.repos.checkpoints.latest(r.id))?.id, c2.id);
    assert.deepEqual(
      (await ctx.repos.checkpoints.list(r.id)).map((c) => c.epoch),
      [1, 2],
    );
    const again = await ctx.repos.checkpoints.add(r.id, 1, artifacts(r.config, 1, 11));
    assert.equal(again.id, c1.id);
    assert.equal(new Uint8Array((await ctx.repos.checkpoints.get(c1.id))!.artifacts.decoder.weightData)[1], 11);
    assert.equal(await ctx.repos.checkpoints.get("missing"), null);
    assert.equal(await ctx.repos.checkpoints.latest("missing"), null);
  });

  test("checkpoints.sessionOf names the checkpoint's session (for gallery items), null for an unknown id", async () => {
    const r = await ctx.newRun();
    const other = await ctx.newRun();
    const c = await ctx.repos.checkpoints.add(r.id, 1, artifacts(r.config, 1, 1));
    const d = await ctx.repos.checkpoints.add(other.id, 1, artifacts(other.config, 1, 1));
    assert.equal(await ctx.repos.checkpoints.sessionOf(c.id), r.sessionId);
    assert.equal(await ctx.repos.checkpoints.sessionOf(d.id), other.sessionId);
    assert.notEqual(r.sessionId, other.sessionId);
    assert.equal(await ctx.repos.checkpoints.sessionOf("missing"), null);
  });

  test("checkpoints keep Adam's state byte-exact when they have one, and none when they do not", async () => {
    const r = await ctx.newRun();
    const moments = Float32Array.from({ length: 10 }, (_, i) => i / 7 - 0.3);
    const withState = await ctx.repos.checkpoints.add(r.id, 1, {
      ...artifacts(r.config, 1, 1),
      optimizer: { step: 469, moments: moments.buffer.slice(0) },
    });
    const without = await ctx.repos.checkpoints.add(r.id, 2, artifacts(r.config, 2, 2));
    const got = (await ctx.repos.checkpoints.get(withState.id))!.artifacts.optimizer;
    assert.equal(got?.step, 469);
    assert.ok(got.moments instanceof ArrayBuffer);
    assert.deepEqual(Array.from(new Float32Array(got.moments)), Array.from(moments));
    assert.equal((await ctx.repos.checkpoints.get(without.id))!.artifacts.optimizer, undefined);
    assert.equal((await ctx.repos.checkpoints.latest(r.id))!.artifacts.optimizer, undefined);
    // A newer checkpoint with state: the older ones give theirs up (only the newest can be resumed from).
    const third = await ctx.repos.checkpoints.add(r.id, 3, {
      ...artifacts(r.config, 3, 3),
      optimizer: { step: 500, moments: moments.buffer.slice(0) },
    });
    assert.equal((await ctx.repos.checkpoints.get(withState.id))!.artifacts.optimizer, undefined);
    assert.equal((await ctx.repos.checkpoints.get(third.id))!.artifacts.optimizer?.step, 500);
    assert.equal(
      (await ctx.repos.checkpoints.get(withState.id))!.artifacts.decoder.weightData.byteLength > 0,
      true,
      "the weights stay",
    );
  });

  test("checkpoints.deleteEpochs deletes the listed epochs of that run only, never one a gallery item points to", async () => {
    const s = await ctx.newSession();
    const r = await ctx.newRun(0, s.id);
    const other = await ctx.newRun(1, s.id);
    const byEpoch = new Map<number, string>();
    for (const e of [1, 2, 3, 4])
      byEpoch.set(e, (await ctx.repos.checkpoints.add(r.id, e, artifacts(r.config, e, e))).id);
    const otherC3 = await ctx.repos.checkpoints.add(other.id, 3, artifacts(other.config, 3, 1));
    await ctx.repos.gallery.create({
      sessionId: s.id,
      checkpointId: byEpoch.get(2)!,
      kind: "generation",
      title: "keep me",
      png: new Uint8Array([1]),
      meta: {},
      authorTokenHash: "d",
    });
    const deleted = await ctx.repos.checkpoints.deleteEpochs(r.id, [2, 3, 9]);
    assert.deepEqual(deleted, [byEpoch.get(3)]);
    assert.deepEqual(
      (await ctx.repos.checkpoints.list(r.id)).map((c) => c.epoch),
      [1, 2, 4],
    );
    assert.equal(await ctx.repos.checkpoints.get(byEpoch.get(3)!), null);
    assert.equal((await ctx.repos.checkpoints.get(otherC3.id))?.epoch, 3, "another run's epoch 3 stays");
    assert.deepEqual(await ctx.repos.checkpoints.deleteEpochs(r.id, []), []);
  });

  test("gallery: create/get round-trip, newest first, session filter, cursor paging, delete", async () => {
    const s = await ctx.newSession();
    const other = await ctx.newSession();
    const r = await ctx.newRun(0, s.id);
    const ckpt = await ctx.repos.checkpoints.add(r.id, 1, artifacts(r.config, 1, 3));
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const make = (sessionId: string, title: string, checkpointId: string | null = null) =>
      ctx.repos.gallery.create({
        sessionId,
        checkpointId,
        kind: "generation",
        title,
        png,
        meta: { digit: 3, z: [0.5, -1.25] },
        authorTokenHash: "b".repeat(64),
      });
    const g1 = await make(s.id, "one", ckpt.id);
    const g2 = await make(other.id, "two");
    const g3 = await make(s.id, "three");
    assert.deepEqual(await ctx.repos.gallery.get(g1.id), g1);
    assert.deepEqual(Array.from(g1.png), Array.from(png));
    assert.deepEqual(g1.meta, { digit: 3, z: [0.5, -1.25] });
    assert.equal(g1.checkpointId, ckpt.id);
    assert.deepEqual(
      (await ctx.repos.gallery.list({ sessionId: s.id, limit: 10 })).map((g) => g.id),
      [g3.id, g1.id],
    );
    const all = (await ctx.repos.gallery.list({ limit: 100 })).map((g) => g.id);
    assert.ok(all.indexOf(g3.id) < all.indexOf(g2.id) && all.indexOf(g2.id) < all.indexOf(g1.id));
    assert.deepEqual(
      (await ctx.repos.gallery.list({ sessionId: s.id, before: g3.id, limit: 10 })).map((g) => g.id),
      [g1.id],
    );
    assert.deepEqual(
      (await ctx.repos.gallery.list({ sessionId: s.id, limit: 1 })).map((g) => g.id),
      [g3.id],
    );
    await ctx.repos.gallery.delete(g3.id);
    await ctx.repos.gallery.delete(g3.id); // idempotent
    assert.equal(await ctx.repos.gallery.get(g3.id), null);
    // a deleted item still works as a cursor
    assert.deepEqual(
      (await ctx.repos.gallery.list({ sessionId: s.id, before: g3.id, limit: 10 })).map((g) => g.id),
      [g1.id],
    );
    await assert.rejects(make("missing-session", "x"));
  });

  test("gallery.sessions: sessions with items, their titles and counts, the most recently saved-to first", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const a = await ctx.repos.sessions.create({ title: "session A", dataset: "mnist", ownerTokenHash: "a".repeat(64) });
    const b = await ctx.repos.sessions.create({ title: "session B", dataset: "mnist", ownerTokenHash: "b".repeat(64) });
    await ctx.repos.sessions.create({ title: "no pictures", dataset: "mnist", ownerTokenHash: "c".repeat(64) });
    const save = (sessionId: string) =>
      ctx.repos.gallery.create({
        sessionId,
        checkpointId: null,
        kind: "generation",
        title: "t",
        png,
        meta: {},
        authorTokenHash: "d".repeat(64),
      });
    await save(a.id);
    await save(b.id);
    const newest = await save(a.id);
    const listed = (await ctx.repos.gallery.sessions(100)).filter((s) => s.sessionId === a.id || s.sessionId === b.id);
    assert.deepEqual(listed, [
      { sessionId: a.id, title: "session A", items: 2, latestItemId: newest.id },
      { sessionId: b.id, title: "session B", items: 1, latestItemId: listed[1]!.latestItemId },
    ]);
    assert.equal((await ctx.repos.gallery.sessions(1)).length, 1);
    assert.deepEqual(await ctx.repos.gallery.sessions(0), []);
  });
}
