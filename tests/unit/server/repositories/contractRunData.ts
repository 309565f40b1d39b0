import assert from "node:assert/strict";
import { test } from "node:test";
import type { EpochMetrics } from "../../../../lib/contracts/training";
import { comparisonRow } from "../../lib/contracts/comparisonRow";
import type { ContractContext } from "./contract";

/** The repository contract, part: What a run produces: epoch metrics and step points, sample grids, latent scatters, the run-end evaluation. */
export function runDataContract(ctx: ContractContext): void {
  test("metrics: epochs sorted, re-adding an epoch replaces it, floats exact", async () => {
    const r = await ctx.newRun();
    const m = (epoch: number, testNegElbo: number): EpochMetrics => ({
      epoch,
      trainLoss: 0.1 + epoch,
      testNegElbo,
      testRecon: 80.123456789012,
      testKl: 1 / 3,
      seconds: 12.5,
      imgPerSec: 1300.25,
    });
    await ctx.repos.metrics.addEpoch(r.id, m(2, 120));
    await ctx.repos.metrics.addEpoch(r.id, m(1, 146.4));
    await ctx.repos.metrics.addEpoch(r.id, m(2, 126.7));
    assert.deepEqual(await ctx.repos.metrics.listEpochs(r.id), [m(1, 146.4), m(2, 126.7)]);
    assert.deepEqual(await ctx.repos.metrics.listEpochs("missing"), []);
    await assert.rejects(ctx.repos.metrics.addEpoch("missing", m(1, 1)));
  });

  test("metrics: steps ordered by globalStep; same globalStep replaces", async () => {
    const r = await ctx.newRun();
    const p = (globalStep: number, loss: number) => ({
      globalStep,
      epoch: 1 + Math.floor(globalStep / 100),
      loss,
      recon: loss * 0.9,
      kl: loss * 0.1,
    });
    await ctx.repos.metrics.addSteps(r.id, [p(200, 3), p(0, 1)]);
    await ctx.repos.metrics.addSteps(r.id, [p(100, 2), p(200, 2.5)]);
    await ctx.repos.metrics.addSteps(r.id, []);
    assert.deepEqual(await ctx.repos.metrics.listSteps(r.id), [p(0, 1), p(100, 2), p(200, 2.5)]);
  });

  test("metrics: a large batch (several statements) with repeated steps keeps the last value of each", async () => {
    const r = await ctx.newRun();
    const batch = Array.from({ length: 1300 }, (_, i) => ({
      globalStep: i % 1200,
      epoch: 1,
      loss: i + 0.25,
      recon: i / 7,
      kl: -i,
    }));
    await ctx.repos.metrics.addSteps(r.id, batch);
    const stored = await ctx.repos.metrics.listSteps(r.id);
    assert.equal(stored.length, 1200);
    assert.deepEqual(stored[5], { globalStep: 5, epoch: 1, loss: 1205.25, recon: 1205 / 7, kl: -1205 });
    assert.deepEqual(stored[1199], { globalStep: 1199, epoch: 1, loss: 1199.25, recon: 1199 / 7, kl: -1199 });
  });

  test("grids: latest, byEpoch, epochs; pixels and row labels round-trip; same (epoch, kind) replaces", async () => {
    const r = await ctx.newRun();
    const px = (seed: number) => Uint8Array.from({ length: 2 * 3 * 784 }, (_, i) => (i * seed) % 256);
    await ctx.repos.grids.add([
      { runId: r.id, epoch: 1, kind: "prior", rows: 2, cols: 3, rowLabels: null, pixels: px(1) },
      { runId: r.id, epoch: 1, kind: "label-rows", rows: 2, cols: 3, rowLabels: ["0", "1"], pixels: px(2) },
    ]);
    await ctx.repos.grids.add([
      { runId: r.id, epoch: 2, kind: "prior", rows: 2, cols: 3, rowLabels: null, pixels: px(3) },
    ]);
    await ctx.repos.grids.add([
      { runId: r.id, epoch: 2, kind: "prior", rows: 2, cols: 3, rowLabels: null, pixels: px(5) },
    ]);
    assert.deepEqual(await ctx.repos.grids.epochs(r.id), [1, 2]);
    const latest = await ctx.repos.grids.latest(r.id);
    assert.equal(latest.length, 1);
    assert.deepEqual(Array.from(latest[0]!.pixels), Array.from(px(5)));
    const e1 = await ctx.repos.grids.byEpoch(r.id, 1);
    assert.deepEqual(e1.map((g) => g.kind).sort(), ["label-rows", "prior"]);
    const labelled = e1.find((g) => g.kind === "label-rows")!;
    assert.deepEqual(labelled.rowLabels, ["0", "1"]);
    assert.ok(labelled.pixels instanceof Uint8Array);
    assert.deepEqual(Array.from(labelled.pixels), Array.from(px(2)));
    assert.equal(e1.find((g) => g.kind === "prior")!.rowLabels, null);
    assert.deepEqual(await ctx.repos.grids.latest("missing"), []);
    assert.deepEqual(await ctx.repos.grids.epochs("missing"), []);
  });

  test("latent: byEpoch, recent (newest n, ascending), epochs; float32 points, labels and the projection round-trip; same epoch replaces", async () => {
    const r = await ctx.newRun();
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
    await ctx.repos.latent.add(scatter(2, 5, 2));
    await ctx.repos.latent.add(scatter(1, 5, 1));
    await ctx.repos.latent.add(scatter(3, 2000, 3));
    await ctx.repos.latent.add(scatter(2, 4, 9)); // replaces epoch 2
    assert.deepEqual(await ctx.repos.latent.epochs(r.id), [1, 2, 3]);
    const e2 = await ctx.repos.latent.byEpoch(r.id, 2);
    assert.ok(e2 && e2.points instanceof Float32Array && e2.labels instanceof Uint8Array);
    assert.deepEqual(Array.from(e2.points), Array.from(scatter(2, 4, 9).points));
    assert.deepEqual(Array.from(e2.labels), Array.from(scatter(2, 4, 9).labels));
    assert.deepEqual(e2.projection, scatter(2, 4, 9).projection);
    const recent = await ctx.repos.latent.recent(r.id, 2);
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
      (await ctx.repos.latent.recent(r.id, 10)).map((x) => x.epoch),
      [1, 2, 3],
    );
    assert.deepEqual(await ctx.repos.latent.recent(r.id, 0), []);
    const identity = {
      ...scatter(4, 3, 4),
      projection: { method: "identity" as const, mean: null, axes: null, explained: null },
    };
    await ctx.repos.latent.add(identity);
    assert.deepEqual((await ctx.repos.latent.byEpoch(r.id, 4))!.projection, identity.projection);
    assert.equal(await ctx.repos.latent.byEpoch(r.id, 9), null);
    assert.deepEqual(await ctx.repos.latent.epochs("missing"), []);
    await assert.rejects(ctx.repos.latent.add({ ...scatter(1, 2, 1), runId: "missing" }));
  });

  test("evaluations: put replaces, get, listBySession in run order; the row and notes round-trip", async () => {
    const s = await ctx.newSession();
    const r0 = await ctx.newRun(0, s.id);
    const r1 = await ctx.newRun(1, s.id);
    const row = (run: string, nll: number) => comparisonRow({ run, iwaeNegLogLik: nll });
    const t0 = Date.now();
    await ctx.repos.evaluations.put({ runId: r1.id, epoch: 3, row: row(r1.id, 99.5), seconds: 4.25, notes: [] });
    const first = await ctx.repos.evaluations.put({
      runId: r0.id,
      epoch: 3,
      row: row(r0.id, 101.5),
      seconds: 3.5,
      notes: ["a note"],
    });
    assert.ok(first.createdAt instanceof Date && Math.abs(first.createdAt.getTime() - t0) < 5_000);
    assert.deepEqual(first.notes, ["a note"]);
    const again = await ctx.repos.evaluations.put({
      runId: r0.id,
      epoch: 3,
      row: row(r0.id, 100.75),
      seconds: 3.75,
      notes: [],
    });
    assert.deepEqual(await ctx.repos.evaluations.get(r0.id), again);
    assert.equal(again.row.iwaeNegLogLik, 100.75);
    assert.equal(again.seconds, 3.75);
    assert.deepEqual(
      (await ctx.repos.evaluations.listBySession(s.id)).map((e) => e.runId),
      [r0.id, r1.id],
    );
    assert.equal(await ctx.repos.evaluations.get("missing"), null);
    assert.deepEqual(await ctx.repos.evaluations.listBySession("missing"), []);
    await assert.rejects(
      ctx.repos.evaluations.put({ runId: "missing", epoch: 1, row: row("x", 1), seconds: 1, notes: [] }),
    );
  });
}
