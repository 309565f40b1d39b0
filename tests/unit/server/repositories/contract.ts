import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { resolveConfig } from "../../../../lib/model/config";
import type { CheckpointArtifacts, EpochMetrics } from "../../../../lib/contracts/training";
import type { Repositories } from "../../../../server/repositories/types";
import { comparisonRow } from "../../lib/contracts/comparisonRow";

/**
 * The one behaviour contract every Repositories implementation must pass (memory, SQLite, PostgreSQL).
 * `open` returns fresh, empty repositories; `dispose` releases them (and drops temp databases).
 */
export function repositoryContract(
  name: string,
  open: () => Promise<Repositories>,
  dispose?: () => Promise<void>,
): void {
  describe(`Repositories contract: ${name}`, () => {
    let repos: Repositories;
    before(async () => {
      repos = await open();
    });
    after(async () => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the suite's setup failed
      await repos?.close();
      await dispose?.();
    });

    const newSession = (title = "s") =>
      repos.sessions.create({ title, dataset: "mnist", ownerTokenHash: "a".repeat(64) });
    const newRun = async (index = 0, sessionId?: string) => {
      const sid = sessionId ?? (await newSession()).id;
      return repos.runs.create({
        sessionId: sid,
        index,
        preset: "vae-seed",
        config: resolveConfig("vae-seed", { epochs: 3 }),
        status: "queued",
      });
    };

    test("sessions: create returns a url-safe id and the stored fields; get returns the same", async () => {
      const t0 = Date.now();
      const s = await repos.sessions.create({
        title: "Seed comparison",
        dataset: "fashion-mnist",
        ownerTokenHash: "f".repeat(64),
      });
      assert.match(s.id, /^[A-Za-z0-9_-]{1,64}$/);
      assert.equal(s.title, "Seed comparison");
      assert.equal(s.dataset, "fashion-mnist");
      assert.ok(s.createdAt instanceof Date && Math.abs(s.createdAt.getTime() - t0) < 5_000);
      assert.deepEqual(await repos.sessions.get(s.id), s);
      assert.equal(await repos.sessions.get("no-such-session"), null);
    });

    test("sessions: listRecent is newest first and honours the limit", async () => {
      const a = await newSession("a");
      const b = await newSession("b");
      const c = await newSession("c");
      const recent = await repos.sessions.listRecent(2);
      assert.deepEqual(
        recent.map((s) => s.id),
        [c.id, b.id],
      );
      assert.ok(
        !(await repos.sessions.listRecent(100)).some((s, i, all) => i > 0 && all[i - 1]!.createdAt < s.createdAt),
      );
      assert.ok((await repos.sessions.listRecent(100)).some((s) => s.id === a.id));
    });

    test("runs: create, get, listBySession by index; config survives the round trip", async () => {
      const s = await newSession();
      const r1 = await repos.runs.create({
        sessionId: s.id,
        index: 1,
        preset: "cvae-label",
        config: resolveConfig("cvae-label", { latentDim: 2 }),
        status: "queued",
      });
      const r0 = await newRun(0, s.id);
      assert.deepEqual(r1.config, resolveConfig("cvae-label", { latentDim: 2 }));
      assert.equal(r1.lastEpoch, 0);
      assert.equal(r1.backend, null);
      assert.equal(r1.startedAt, null);
      assert.deepEqual(await repos.runs.get(r1.id), r1);
      assert.deepEqual(
        (await repos.runs.listBySession(s.id)).map((r) => r.id),
        [r0.id, r1.id],
      );
      assert.equal(await repos.runs.get("nope"), null);
    });

    test("runs: duplicate index in a session and unknown sessions are rejected", async () => {
      const r = await newRun(0);
      await assert.rejects(
        repos.runs.create({ sessionId: r.sessionId, index: 0, preset: "vae-seed", config: r.config, status: "queued" }),
      );
      await assert.rejects(
        repos.runs.create({ sessionId: "missing", index: 0, preset: "vae-seed", config: r.config, status: "queued" }),
      );
    });

    test("runs: update applies the patch (dates, nulls) and rejects unknown ids", async () => {
      const r = await newRun();
      const startedAt = new Date("2026-01-02T03:04:05.678Z");
      const u = await repos.runs.update(r.id, {
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
      const v = await repos.runs.update(r.id, { error: null, status: "failed" });
      assert.equal(v.error, null);
      assert.equal(v.backend, "wasm", "fields not in the patch are kept");
      assert.deepEqual(await repos.runs.get(r.id), v);
      await assert.rejects(repos.runs.update("missing", { status: "done" }));
    });

    test("runs: queuedAt and clientHash are stored; updateIfStatus writes only from an expected status", async () => {
      const s = await repos.sessions.create({ title: "q", dataset: "mnist", ownerTokenHash: "h" });
      const queuedAt = new Date("2026-03-04T05:06:07.089Z");
      const r = await repos.runs.create({
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
      const plain = await repos.runs.create({
        sessionId: s.id,
        index: 1,
        preset: "vae-seed",
        config: resolveConfig("vae-seed", {}),
        status: "queued",
      });
      assert.equal(plain.queuedAt, null);
      assert.equal(plain.clientHash, null);

      assert.equal(
        await repos.runs.updateIfStatus(r.id, ["training", "paused"], { status: "stopped" }),
        null,
        "not in an expected status",
      );
      assert.equal((await repos.runs.get(r.id))!.status, "queued", "unchanged");
      const u = await repos.runs.updateIfStatus(r.id, ["queued"], { status: "training", queuedAt: null });
      assert.equal(u?.status, "training");
      assert.equal(u.queuedAt, null);
      assert.deepEqual(await repos.runs.get(r.id), u);
      assert.equal(await repos.runs.updateIfStatus("missing", ["queued"], { status: "done" }), null);
    });

    test("runs: listByClient returns one client's runs with the given statuses, oldest first", async () => {
      const s = await repos.sessions.create({ title: "c", dataset: "mnist", ownerTokenHash: "h" });
      const config = resolveConfig("vae-seed", {});
      const mine = (index: number, clientHash: string | null) =>
        repos.runs.create({ sessionId: s.id, index, preset: "vae-seed", config, status: "queued", clientHash });
      const a = await mine(0, "client-a");
      const other = await mine(1, "client-b");
      const b = await mine(2, "client-a");
      const c = await mine(3, "client-a");
      await mine(4, null);
      await repos.runs.update(b.id, { status: "training" });
      await repos.runs.update(c.id, { status: "done" });
      const ids = (await repos.runs.listByClient("client-a", ["queued", "training", "paused"])).map((r) => r.id);
      assert.deepEqual(ids, [a.id, b.id]);
      assert.deepEqual(
        (await repos.runs.listByClient("client-b", ["queued"])).map((r) => r.id),
        [other.id],
      );
      assert.deepEqual(await repos.runs.listByClient("client-a", []), []);
      assert.deepEqual(await repos.runs.listByClient("nobody", ["queued"]), []);
    });

    test("runs: listByStatus filters and returns oldest first", async () => {
      const a = await newRun();
      const b = await newRun();
      const c = await newRun();
      await repos.runs.update(b.id, { status: "interrupted" });
      await repos.runs.update(c.id, { status: "done" });
      const ids = (await repos.runs.listByStatus(["queued", "interrupted"])).map((r) => r.id);
      assert.ok(ids.indexOf(a.id) >= 0 && ids.indexOf(a.id) < ids.indexOf(b.id));
      assert.ok(!ids.includes(c.id));
      assert.deepEqual(await repos.runs.listByStatus([]), []);
    });

    test("metrics: epochs sorted, re-adding an epoch replaces it, floats exact", async () => {
      const r = await newRun();
      const m = (epoch: number, testNegElbo: number): EpochMetrics => ({
        epoch,
        trainLoss: 0.1 + epoch,
        testNegElbo,
        testRecon: 80.123456789012,
        testKl: 1 / 3,
        seconds: 12.5,
        imgPerSec: 1300.25,
      });
      await repos.metrics.addEpoch(r.id, m(2, 120));
      await repos.metrics.addEpoch(r.id, m(1, 146.4));
      await repos.metrics.addEpoch(r.id, m(2, 126.7));
      assert.deepEqual(await repos.metrics.listEpochs(r.id), [m(1, 146.4), m(2, 126.7)]);
      assert.deepEqual(await repos.metrics.listEpochs("missing"), []);
      await assert.rejects(repos.metrics.addEpoch("missing", m(1, 1)));
    });

    test("metrics: steps ordered by globalStep; same globalStep replaces", async () => {
      const r = await newRun();
      const p = (globalStep: number, loss: number) => ({
        globalStep,
        epoch: 1 + Math.floor(globalStep / 100),
        loss,
        recon: loss * 0.9,
        kl: loss * 0.1,
      });
      await repos.metrics.addSteps(r.id, [p(200, 3), p(0, 1)]);
      await repos.metrics.addSteps(r.id, [p(100, 2), p(200, 2.5)]);
      await repos.metrics.addSteps(r.id, []);
      assert.deepEqual(await repos.metrics.listSteps(r.id), [p(0, 1), p(100, 2), p(200, 2.5)]);
    });

    test("metrics: a large batch (several statements) with repeated steps keeps the last value of each", async () => {
      const r = await newRun();
      const batch = Array.from({ length: 1300 }, (_, i) => ({
        globalStep: i % 1200,
        epoch: 1,
        loss: i + 0.25,
        recon: i / 7,
        kl: -i,
      }));
      await repos.metrics.addSteps(r.id, batch);
      const stored = await repos.metrics.listSteps(r.id);
      assert.equal(stored.length, 1200);
      assert.deepEqual(stored[5], { globalStep: 5, epoch: 1, loss: 1205.25, recon: 1205 / 7, kl: -1205 });
      assert.deepEqual(stored[1199], { globalStep: 1199, epoch: 1, loss: 1199.25, recon: 1199 / 7, kl: -1199 });
    });

    test("grids: latest, byEpoch, epochs; pixels and row labels round-trip; same (epoch, kind) replaces", async () => {
      const r = await newRun();
      const px = (seed: number) => Uint8Array.from({ length: 2 * 3 * 784 }, (_, i) => (i * seed) % 256);
      await repos.grids.add([
        { runId: r.id, epoch: 1, kind: "prior", rows: 2, cols: 3, rowLabels: null, pixels: px(1) },
        { runId: r.id, epoch: 1, kind: "label-rows", rows: 2, cols: 3, rowLabels: ["0", "1"], pixels: px(2) },
      ]);
      await repos.grids.add([
        { runId: r.id, epoch: 2, kind: "prior", rows: 2, cols: 3, rowLabels: null, pixels: px(3) },
      ]);
      await repos.grids.add([
        { runId: r.id, epoch: 2, kind: "prior", rows: 2, cols: 3, rowLabels: null, pixels: px(5) },
      ]);
      assert.deepEqual(await repos.grids.epochs(r.id), [1, 2]);
      const latest = await repos.grids.latest(r.id);
      assert.equal(latest.length, 1);
      assert.deepEqual(Array.from(latest[0]!.pixels), Array.from(px(5)));
      const e1 = await repos.grids.byEpoch(r.id, 1);
      assert.deepEqual(e1.map((g) => g.kind).sort(), ["label-rows", "prior"]);
      const labelled = e1.find((g) => g.kind === "label-rows")!;
      assert.deepEqual(labelled.rowLabels, ["0", "1"]);
      assert.ok(labelled.pixels instanceof Uint8Array);
      assert.deepEqual(Array.from(labelled.pixels), Array.from(px(2)));
      assert.equal(e1.find((g) => g.kind === "prior")!.rowLabels, null);
      assert.deepEqual(await repos.grids.latest("missing"), []);
      assert.deepEqual(await repos.grids.epochs("missing"), []);
    });

    test("latent: byEpoch, recent (newest n, ascending), epochs; float32 points, labels and the projection round-trip; same epoch replaces", async () => {
      const r = await newRun();
      const scatter = (epoch: number, n: number, shift: number) => ({
        runId: r.id,
        epoch,
        projection: {
          method: "pca" as const,
          mean: [0.5, -1.25, 3],
          axes: [
            [1, 0, 0],
            [0, 0.6, 0.8],
          ] as [number[], number[]],
          explained: [0.5, 0.25] as [number, number],
        },
        // Values no shorter type holds exactly: the column must keep float32 bits, not decimals.
        points: Float32Array.from({ length: 2 * n }, (_, i) => Math.fround(Math.sin(i + shift) * 1e3 + 1 / 3)),
        labels: Uint8Array.from({ length: n }, (_, i) => (i * 7 + shift) % 10),
      });
      await repos.latent.add(scatter(2, 5, 2));
      await repos.latent.add(scatter(1, 5, 1));
      await repos.latent.add(scatter(3, 2000, 3));
      await repos.latent.add(scatter(2, 4, 9)); // replaces epoch 2
      assert.deepEqual(await repos.latent.epochs(r.id), [1, 2, 3]);
      const e2 = await repos.latent.byEpoch(r.id, 2);
      assert.ok(e2 && e2.points instanceof Float32Array && e2.labels instanceof Uint8Array);
      assert.deepEqual(Array.from(e2.points), Array.from(scatter(2, 4, 9).points));
      assert.deepEqual(Array.from(e2.labels), Array.from(scatter(2, 4, 9).labels));
      assert.deepEqual(e2.projection, scatter(2, 4, 9).projection);
      const recent = await repos.latent.recent(r.id, 2);
      assert.deepEqual(
        recent.map((x) => x.epoch),
        [2, 3],
      );
      assert.equal(recent[1]!.labels.length, 2000);
      assert.deepEqual(
        Array.from(recent[1]!.points.subarray(3990)),
        Array.from(scatter(3, 2000, 3).points.subarray(3990)),
      );
      assert.deepEqual(
        (await repos.latent.recent(r.id, 10)).map((x) => x.epoch),
        [1, 2, 3],
      );
      assert.deepEqual(await repos.latent.recent(r.id, 0), []);
      const identity = {
        ...scatter(4, 3, 4),
        projection: { method: "identity" as const, mean: null, axes: null, explained: null },
      };
      await repos.latent.add(identity);
      assert.deepEqual((await repos.latent.byEpoch(r.id, 4))!.projection, identity.projection);
      assert.equal(await repos.latent.byEpoch(r.id, 9), null);
      assert.deepEqual(await repos.latent.epochs("missing"), []);
      await assert.rejects(repos.latent.add({ ...scatter(1, 2, 1), runId: "missing" }));
    });

    test("evaluations: put replaces, get, listBySession in run order; the row and notes round-trip", async () => {
      const s = await newSession();
      const r0 = await newRun(0, s.id);
      const r1 = await newRun(1, s.id);
      const row = (run: string, nll: number) => comparisonRow({ run, iwaeNegLogLik: nll });
      const t0 = Date.now();
      await repos.evaluations.put({ runId: r1.id, epoch: 3, row: row(r1.id, 99.5), seconds: 4.25, notes: [] });
      const first = await repos.evaluations.put({
        runId: r0.id,
        epoch: 3,
        row: row(r0.id, 101.5),
        seconds: 3.5,
        notes: ["a note"],
      });
      assert.ok(first.createdAt instanceof Date && Math.abs(first.createdAt.getTime() - t0) < 5_000);
      assert.deepEqual(first.notes, ["a note"]);
      const again = await repos.evaluations.put({
        runId: r0.id,
        epoch: 3,
        row: row(r0.id, 100.75),
        seconds: 3.75,
        notes: [],
      });
      assert.deepEqual(await repos.evaluations.get(r0.id), again);
      assert.equal(again.row.iwaeNegLogLik, 100.75);
      assert.equal(again.seconds, 3.75);
      assert.deepEqual(
        (await repos.evaluations.listBySession(s.id)).map((e) => e.runId),
        [r0.id, r1.id],
      );
      assert.equal(await repos.evaluations.get("missing"), null);
      assert.deepEqual(await repos.evaluations.listBySession("missing"), []);
      await assert.rejects(
        repos.evaluations.put({ runId: "missing", epoch: 1, row: row("x", 1), seconds: 1, notes: [] }),
      );
    });

    test("checkpoints: add/get/latest/list; weights are byte-exact ArrayBuffers; same epoch replaces and keeps the id", async () => {
      const r = await newRun();
      const art1 = artifacts(r.config, 1, 7);
      const c1 = await repos.checkpoints.add(r.id, 1, art1);
      const c2 = await repos.checkpoints.add(r.id, 2, artifacts(r.config, 2, 9));
      assert.equal(c1.decoderBytes, art1.decoder.weightData.byteLength);
      assert.equal(c1.epoch, 1);
      const got = await repos.checkpoints.get(c1.id);
      assert.ok(got);
      assert.ok(got.artifacts.decoder.weightData instanceof ArrayBuffer);
      assert.equal(got.artifacts.decoder.weightData.byteLength, art1.decoder.weightData.byteLength);
      assert.deepEqual(new Uint8Array(got.artifacts.decoder.weightData), new Uint8Array(art1.decoder.weightData));
      assert.deepEqual(new Uint8Array(got.artifacts.encoder.weightData), new Uint8Array(art1.encoder.weightData));
      assert.deepEqual(got.artifacts.meta, art1.meta);
      assert.deepEqual(got.artifacts.decoder.modelJson, art1.decoder.modelJson);
      assert.equal((await repos.checkpoints.latest(r.id))?.id, c2.id);
      assert.deepEqual(
        (await repos.checkpoints.list(r.id)).map((c) => c.epoch),
        [1, 2],
      );
      const again = await repos.checkpoints.add(r.id, 1, artifacts(r.config, 1, 11));
      assert.equal(again.id, c1.id);
      assert.equal(new Uint8Array((await repos.checkpoints.get(c1.id))!.artifacts.decoder.weightData)[1], 11);
      assert.equal(await repos.checkpoints.get("missing"), null);
      assert.equal(await repos.checkpoints.latest("missing"), null);
    });

    test("checkpoints.sessionOf names the checkpoint's session (for gallery items), null for an unknown id", async () => {
      const r = await newRun();
      const other = await newRun();
      const c = await repos.checkpoints.add(r.id, 1, artifacts(r.config, 1, 1));
      const d = await repos.checkpoints.add(other.id, 1, artifacts(other.config, 1, 1));
      assert.equal(await repos.checkpoints.sessionOf(c.id), r.sessionId);
      assert.equal(await repos.checkpoints.sessionOf(d.id), other.sessionId);
      assert.notEqual(r.sessionId, other.sessionId);
      assert.equal(await repos.checkpoints.sessionOf("missing"), null);
    });

    test("checkpoints keep Adam's state byte-exact when they have one, and none when they do not", async () => {
      const r = await newRun();
      const moments = Float32Array.from({ length: 10 }, (_, i) => i / 7 - 0.3);
      const withState = await repos.checkpoints.add(r.id, 1, {
        ...artifacts(r.config, 1, 1),
        optimizer: { step: 469, moments: moments.buffer.slice(0) },
      });
      const without = await repos.checkpoints.add(r.id, 2, artifacts(r.config, 2, 2));
      const got = (await repos.checkpoints.get(withState.id))!.artifacts.optimizer;
      assert.equal(got?.step, 469);
      assert.ok(got.moments instanceof ArrayBuffer);
      assert.deepEqual(Array.from(new Float32Array(got.moments)), Array.from(moments));
      assert.equal((await repos.checkpoints.get(without.id))!.artifacts.optimizer, undefined);
      assert.equal((await repos.checkpoints.latest(r.id))!.artifacts.optimizer, undefined);
      // A newer checkpoint with state: the older ones give theirs up (only the newest can be resumed from).
      const third = await repos.checkpoints.add(r.id, 3, {
        ...artifacts(r.config, 3, 3),
        optimizer: { step: 500, moments: moments.buffer.slice(0) },
      });
      assert.equal((await repos.checkpoints.get(withState.id))!.artifacts.optimizer, undefined);
      assert.equal((await repos.checkpoints.get(third.id))!.artifacts.optimizer?.step, 500);
      assert.equal(
        (await repos.checkpoints.get(withState.id))!.artifacts.decoder.weightData.byteLength > 0,
        true,
        "the weights stay",
      );
    });

    test("checkpoints.deleteEpochs deletes the listed epochs of that run only, never one a gallery item points to", async () => {
      const s = await newSession();
      const r = await newRun(0, s.id);
      const other = await newRun(1, s.id);
      const byEpoch = new Map<number, string>();
      for (const e of [1, 2, 3, 4])
        byEpoch.set(e, (await repos.checkpoints.add(r.id, e, artifacts(r.config, e, e))).id);
      const otherC3 = await repos.checkpoints.add(other.id, 3, artifacts(other.config, 3, 1));
      await repos.gallery.create({
        sessionId: s.id,
        checkpointId: byEpoch.get(2)!,
        kind: "generation",
        title: "keep me",
        png: new Uint8Array([1]),
        meta: {},
        authorTokenHash: "d",
      });
      const deleted = await repos.checkpoints.deleteEpochs(r.id, [2, 3, 9]);
      assert.deepEqual(deleted, [byEpoch.get(3)]);
      assert.deepEqual(
        (await repos.checkpoints.list(r.id)).map((c) => c.epoch),
        [1, 2, 4],
      );
      assert.equal(await repos.checkpoints.get(byEpoch.get(3)!), null);
      assert.equal((await repos.checkpoints.get(otherC3.id))?.epoch, 3, "another run's epoch 3 stays");
      assert.deepEqual(await repos.checkpoints.deleteEpochs(r.id, []), []);
    });

    test("gallery: create/get round-trip, newest first, session filter, cursor paging, delete", async () => {
      const s = await newSession();
      const other = await newSession();
      const r = await newRun(0, s.id);
      const ckpt = await repos.checkpoints.add(r.id, 1, artifacts(r.config, 1, 3));
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      const make = (sessionId: string, title: string, checkpointId: string | null = null) =>
        repos.gallery.create({
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
      assert.deepEqual(await repos.gallery.get(g1.id), g1);
      assert.deepEqual(Array.from(g1.png), Array.from(png));
      assert.deepEqual(g1.meta, { digit: 3, z: [0.5, -1.25] });
      assert.equal(g1.checkpointId, ckpt.id);
      assert.deepEqual(
        (await repos.gallery.list({ sessionId: s.id, limit: 10 })).map((g) => g.id),
        [g3.id, g1.id],
      );
      const all = (await repos.gallery.list({ limit: 100 })).map((g) => g.id);
      assert.ok(all.indexOf(g3.id) < all.indexOf(g2.id) && all.indexOf(g2.id) < all.indexOf(g1.id));
      assert.deepEqual(
        (await repos.gallery.list({ sessionId: s.id, before: g3.id, limit: 10 })).map((g) => g.id),
        [g1.id],
      );
      assert.deepEqual(
        (await repos.gallery.list({ sessionId: s.id, limit: 1 })).map((g) => g.id),
        [g3.id],
      );
      await repos.gallery.delete(g3.id);
      await repos.gallery.delete(g3.id); // idempotent
      assert.equal(await repos.gallery.get(g3.id), null);
      // a deleted item still works as a cursor
      assert.deepEqual(
        (await repos.gallery.list({ sessionId: s.id, before: g3.id, limit: 10 })).map((g) => g.id),
        [g1.id],
      );
      await assert.rejects(make("missing-session", "x"));
    });

    test("gallery.sessions: sessions with items, their titles and counts, the most recently saved-to first", async () => {
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const a = await repos.sessions.create({ title: "session A", dataset: "mnist", ownerTokenHash: "a".repeat(64) });
      const b = await repos.sessions.create({ title: "session B", dataset: "mnist", ownerTokenHash: "b".repeat(64) });
      await repos.sessions.create({ title: "no pictures", dataset: "mnist", ownerTokenHash: "c".repeat(64) });
      const save = (sessionId: string) =>
        repos.gallery.create({
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
      const listed = (await repos.gallery.sessions(100)).filter((s) => s.sessionId === a.id || s.sessionId === b.id);
      assert.deepEqual(listed, [
        { sessionId: a.id, title: "session A", items: 2, latestItemId: newest.id },
        { sessionId: b.id, title: "session B", items: 1, latestItemId: listed[1]!.latestItemId },
      ]);
      assert.equal((await repos.gallery.sessions(1)).length, 1);
      assert.deepEqual(await repos.gallery.sessions(0), []);
    });

    test("returned records are copies: mutating them does not change what is stored", async () => {
      const r = await newRun();
      await repos.grids.add([
        {
          runId: r.id,
          epoch: 1,
          kind: "prior",
          rows: 1,
          cols: 1,
          rowLabels: null,
          pixels: new Uint8Array(784).fill(7),
        },
      ]);
      const [g] = await repos.grids.latest(r.id);
      g!.pixels[0] = 99;
      r.config.encoderHidden.push(1);
      assert.equal((await repos.grids.latest(r.id))[0]!.pixels[0], 7);
      assert.deepEqual((await repos.runs.get(r.id))!.config.encoderHidden, [256, 256]);
    });

    test("sessions: delete cascades to runs, metrics, grids, latent scatters, checkpoints and gallery items; deleting twice is fine", async () => {
      const s = await newSession();
      const r = await newRun(0, s.id);
      await repos.metrics.addEpoch(r.id, {
        epoch: 1,
        trainLoss: 1,
        testNegElbo: 2,
        testRecon: 1.5,
        testKl: 0.5,
        seconds: 1,
        imgPerSec: 1,
      });
      await repos.metrics.addSteps(r.id, [{ globalStep: 1, epoch: 1, loss: 1, recon: 1, kl: 0 }]);
      await repos.grids.add([
        { runId: r.id, epoch: 1, kind: "prior", rows: 1, cols: 1, rowLabels: null, pixels: new Uint8Array(784) },
      ]);
      await repos.latent.add({
        runId: r.id,
        epoch: 1,
        projection: { method: "identity", mean: null, axes: null, explained: null },
        points: new Float32Array(2),
        labels: new Uint8Array(1),
      });
      const c = await repos.checkpoints.add(r.id, 1, artifacts(r.config, 1, 1));
      const g = await repos.gallery.create({
        sessionId: s.id,
        checkpointId: c.id,
        kind: "generation",
        title: "t",
        png: new Uint8Array([1]),
        meta: {},
        authorTokenHash: "c",
      });
      await repos.sessions.delete(s.id);
      assert.equal(await repos.sessions.get(s.id), null);
      assert.equal(await repos.runs.get(r.id), null);
      assert.deepEqual(await repos.runs.listBySession(s.id), []);
      assert.deepEqual(await repos.metrics.listEpochs(r.id), []);
      assert.deepEqual(await repos.metrics.listSteps(r.id), []);
      assert.deepEqual(await repos.grids.epochs(r.id), []);
      assert.deepEqual(await repos.latent.epochs(r.id), []);
      assert.equal(await repos.checkpoints.get(c.id), null);
      assert.equal(await repos.gallery.get(g.id), null);
      await repos.sessions.delete(s.id);
    });
  });
}

/** Small but realistic checkpoint artifacts; `marker` lands in byte 1 of the decoder weights. */
export function artifacts(
  config: ReturnType<typeof resolveConfig>,
  epoch: number,
  marker: number,
): CheckpointArtifacts {
  const weights = (n: number) => {
    const f = Float32Array.from({ length: n }, (_, i) => Math.sin(i + epoch));
    const bytes = new Uint8Array(f.buffer);
    bytes[1] = marker;
    return f.buffer;
  };
  const modelJson = (name: string) => ({
    format: "layers-model",
    generatedBy: "TensorFlow.js tfjs-layers v4.22.0",
    modelTopology: {
      class_name: "Sequential",
      config: { name, layers: [{ class_name: "Dense", config: { units: 4 } }] },
    },
    weightsManifest: [
      { paths: ["weights.bin"], weights: [{ name: `${name}/kernel`, shape: [2, 4], dtype: "float32" }] },
    ],
  });
  return {
    meta: {
      preset: config.preset,
      config,
      epoch,
      metrics: { testNegElbo: 120.5 },
      dataset: "mnist",
      condition: { kind: "none", width: 0, layout: "" },
      latentDim: config.latentDim,
      float16: false,
      createdAt: new Date(0).toISOString(),
    },
    encoder: { modelJson: modelJson("encoder"), weightData: weights(1000) },
    decoder: { modelJson: modelJson("decoder"), weightData: weights(1500) },
  };
}
