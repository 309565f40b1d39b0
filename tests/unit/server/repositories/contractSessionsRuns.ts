import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../../../../lib/model/config";
import type { ContractContext } from "./contract";

/** The repository contract, part: Sessions and runs: ids, listing, the run patch and compare-and-set, per-client and per-status lists. */
export function sessionsRunsContract(ctx: ContractContext): void {
  test("sessions: create returns a url-safe id and the stored fields; get returns the same", async () => {
    const t0 = Date.now();
    const s = await ctx.repos.sessions.create({
      title: "Seed comparison",
      dataset: "fashion-mnist",
      ownerTokenHash: "f".repeat(64),
    });
    assert.match(s.id, /^[A-Za-z0-9_-]{1,64}$/);
    assert.equal(s.title, "Seed comparison");
    assert.equal(s.dataset, "fashion-mnist");
    assert.ok(s.createdAt instanceof Date && Math.abs(s.createdAt.getTime() - t0) < 5_000);
    assert.deepEqual(await ctx.repos.sessions.get(s.id), s);
    assert.equal(await ctx.repos.sessions.get("no-such-session"), null);
  });

  test("sessions: listRecent is newest first and honours the limit", async () => {
    const a = await ctx.newSession("a");
    const b = await ctx.newSession("b");
    const c = await ctx.newSession("c");
    const recent = await ctx.repos.sessions.listRecent(2);
    assert.deepEqual(
      recent.map((s) => s.id),
      [c.id, b.id],
    );
    assert.ok(
      !(await ctx.repos.sessions.listRecent(100)).some((s, i, all) => i > 0 && all[i - 1]!.createdAt < s.createdAt),
    );
    assert.ok((await ctx.repos.sessions.listRecent(100)).some((s) => s.id === a.id));
  });

  test("runs: create, get, listBySession by index; config survives the round trip", async () => {
    const s = await ctx.newSession();
    const r1 = await ctx.repos.runs.create({
      sessionId: s.id,
      index: 1,
      preset: "cvae-label",
      config: resolveConfig("cvae-label", { latentDim: 2 }),
      status: "queued",
    });
    const r0 = await ctx.newRun(0, s.id);
    assert.deepEqual(r1.config, resolveConfig("cvae-label", { latentDim: 2 }));
    assert.equal(r1.lastEpoch, 0);
    assert.equal(r1.backend, null);
    assert.equal(r1.startedAt, null);
    assert.deepEqual(await ctx.repos.runs.get(r1.id), r1);
    assert.deepEqual(
      (await ctx.repos.runs.listBySession(s.id)).map((r) => r.id),
      [r0.id, r1.id],
    );
    assert.equal(await ctx.repos.runs.get("nope"), null);
  });

  test("runs: duplicate index in a session and unknown sessions are rejected", async () => {
    const r = await ctx.newRun(0);
    await assert.rejects(
      ctx.repos.runs.create({
        sessionId: r.sessionId,
        index: 0,
        preset: "vae-seed",
        config: r.config,
        status: "queued",
      }),
    );
    await assert.rejects(
      ctx.repos.runs.create({ sessionId: "missing", index: 0, preset: "vae-seed", config: r.config, status: "queued" }),
    );
  });

  test("runs: update applies the patch (dates, nulls) and rejects unknown ids", async () => {
    const r = await ctx.newRun();
    const startedAt = new Date("2026-01-02T03:04:05.678Z");
    const u = await ctx.repos.runs.update(r.id, {
      status: "training",
      backend: "wasm",
      startedAt,
      lastEpoch: 2,
      error: "x",
    });
    assert.equal(u.status, "training");
    assert.equal(u.backend, "wasm");
    assert.equal(u.lastEpoch, 2);
    assert.equal(u.startedAt?.toISOString(), startedAt.toISOString());
    const v = await ctx.repos.runs.update(r.id, { error: null, status: "failed" });
    assert.equal(v.error, null);
    assert.equal(v.backend, "wasm", "fields not in the patch are kept");
    assert.deepEqual(await ctx.repos.runs.get(r.id), v);
    await assert.rejects(ctx.repos.runs.update("missing", { status: "done" }));
  });

  test("runs: queuedAt and clientHash are stored; updateIfStatus writes only from an expected status", async () => {
    const s = await ctx.repos.sessions.create({ title: "q", dataset: "mnist", ownerTokenHash: "h" });
    const queuedAt = new Date("2026-03-04T05:06:07.089Z");
    const r = await ctx.repos.runs.create({
      sessionId: s.id,
      index: 0,
      preset: "vae-seed",
      config: resolveConfig("vae-seed", {}),
      status: "queued",
      queuedAt,
      clientHash: "c1",
    });
    assert.equal(r.queuedAt?.toISOString(), queuedAt.toISOString());
    assert.equal(r.clientHash, "c1");
    const plain = await ctx.repos.runs.create({
      sessionId: s.id,
      index: 1,
      preset: "vae-seed",
      config: resolveConfig("vae-seed", {}),
      status: "queued",
    });
    assert.equal(plain.queuedAt, null);
    assert.equal(plain.clientHash, null);

    assert.equal(
      await ctx.repos.runs.updateIfStatus(r.id, ["training", "paused"], { status: "stopped" }),
      null,
      "not in an expected status",
    );
    assert.equal((await ctx.repos.runs.get(r.id))!.status, "queued", "unchanged");
    const u = await ctx.repos.runs.updateIfStatus(r.id, ["queued"], { status: "training", queuedAt: null });
    assert.equal(u?.status, "training");
    assert.equal(u.queuedAt, null);
    assert.deepEqual(await ctx.repos.runs.get(r.id), u);
    assert.equal(await ctx.repos.runs.updateIfStatus("missing", ["queued"], { status: "done" }), null);
  });

  test("runs: listByClient returns one client's runs with the given statuses, oldest first", async () => {
    const s = await ctx.repos.sessions.create({ title: "c", dataset: "mnist", ownerTokenHash: "h" });
    const config = resolveConfig("vae-seed", {});
    const mine = (index: number, clientHash: string | null) =>
      ctx.repos.runs.create({ sessionId: s.id, index, preset: "vae-seed", config, status: "queued", clientHash });
    const a = await mine(0, "client-a");
    const other = await mine(1, "client-b");
    const b = await mine(2, "client-a");
    const c = await mine(3, "client-a");
    await mine(4, null);
    await ctx.repos.runs.update(b.id, { status: "training" });
    await ctx.repos.runs.update(c.id, { status: "done" });
    const ids = (await ctx.repos.runs.listByClient("client-a", ["queued", "training", "paused"])).map((r) => r.id);
    assert.deepEqual(ids, [a.id, b.id]);
    assert.deepEqual(
      (await ctx.repos.runs.listByClient("client-b", ["queued"])).map((r) => r.id),
      [other.id],
    );
    assert.deepEqual(await ctx.repos.runs.listByClient("client-a", []), []);
    assert.deepEqual(await ctx.repos.runs.listByClient("nobody", ["queued"]), []);
  });

  test("runs: listByStatus filters and returns oldest first", async () => {
    const a = await ctx.newRun();
    const b = await ctx.newRun();
    const c = await ctx.newRun();
    await ctx.repos.runs.update(b.id, { status: "interrupted" });
    await ctx.repos.runs.update(c.id, { status: "done" });
    const ids = (await ctx.repos.runs.listByStatus(["queued", "interrupted"])).map((r) => r.id);
    assert.ok(ids.indexOf(a.id) >= 0 && ids.indexOf(a.id) < ids.indexOf(b.id));
    assert.ok(!ids.includes(c.id));
    assert.deepEqual(await ctx.repos.runs.listByStatus([]), []);
  });
}
