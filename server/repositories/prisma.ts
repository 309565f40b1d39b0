import type { Prisma, PrismaClient } from "../../generated/prisma-sqlite/client";
import { newId } from "./ids";
import {
  checkpointSummarySelect,
  toBytes,
  toCheckpoint,
  toGalleryItem,
  toGrid,
  toLatentScatter,
  toRun,
  toRunEvaluation,
  toSession,
} from "./prismaMapping";
import type { Repositories } from "./types";

/**
 * Repositories on Prisma (SQLite or PostgreSQL). Written against the SQLite client's types; the
 * PostgreSQL client is generated from identical models (checked by a test) and only features both
 * providers support are used here, so server/db/client.ts can pass either. `provider` only matters
 * for the one raw statement (step upserts: placeholder syntax).
 *
 * Write semantics shared with memory.ts (the contract suite checks them): re-adding an epoch's
 * metrics, a step, a grid (epoch, kind) or a checkpoint (run, epoch) replaces the earlier row;
 * deletes are idempotent; rows whose parent is missing are rejected by foreign keys.
 */
export function createPrismaRepositories(
  prisma: PrismaClient,
  provider: "sqlite" | "postgresql" = "sqlite",
): Repositories {
  return {
    sessions: {
      async create(input) {
        return toSession(await prisma.session.create({ data: { id: newId(), ...input, createdAt: new Date() } }));
      },
      async get(id) {
        const row = await prisma.session.findUnique({ where: { id } });
        return row ? toSession(row) : null;
      },
      async listRecent(limit) {
        if (limit <= 0) return [];
        const rows = await prisma.session.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
        return rows.map(toSession);
      },
      async delete(id) {
        await prisma.session.deleteMany({ where: { id } }); // foreign keys cascade to everything below
      },
    },

    runs: {
      async create(input) {
        const row = await prisma.run.create({
          data: { id: newId(), ...input, config: input.config, createdAt: new Date() },
        });
        return toRun(row);
      },
      async get(id) {
        const row = await prisma.run.findUnique({ where: { id } });
        return row ? toRun(row) : null;
      },
      async listBySession(sessionId) {
        return (await prisma.run.findMany({ where: { sessionId }, orderBy: { index: "asc" } })).map(toRun);
      },
      async listByStatus(statuses) {
        if (statuses.length === 0) return [];
        const rows = await prisma.run.findMany({
          where: { status: { in: statuses } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        });
        return rows.map(toRun);
      },
      async listByClient(clientHash, statuses) {
        if (statuses.length === 0) return [];
        const rows = await prisma.run.findMany({
          where: { clientHash, status: { in: statuses } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        });
        return rows.map(toRun);
      },
      async update(id, patch) {
        return toRun(await prisma.run.update({ where: { id }, data: patch }));
      },
      async updateIfStatus(id, expected, patch) {
        // One conditional UPDATE: the status check and the write are atomic in SQLite and PostgreSQL.
        const { count } = await prisma.run.updateMany({ where: { id, status: { in: [...expected] } }, data: patch });
        if (count === 0) return null;
        const row = await prisma.run.findUnique({ where: { id } });
        return row ? toRun(row) : null;
      },
    },

    metrics: {
      async addEpoch(runId, m) {
        const values = {
          trainLoss: m.trainLoss,
          testNegElbo: m.testNegElbo,
          testRecon: m.testRecon,
          testKl: m.testKl,
          seconds: m.seconds,
          imgPerSec: m.imgPerSec,
        };
        await prisma.epochMetric.upsert({
          where: { runId_epoch: { runId, epoch: m.epoch } },
          create: { runId, epoch: m.epoch, ...values },
          update: values,
        });
      },
      async listEpochs(runId) {
        const rows = await prisma.epochMetric.findMany({ where: { runId }, orderBy: { epoch: "asc" } });
        return rows.map(({ runId: _r, ...m }) => m);
      },
      async addSteps(runId, points) {
        if (points.length === 0) return;
        // One multi-row upsert per chunk, in one transaction. Raw SQL because Prisma has no
        // "createMany ... on conflict update", and its createMany goes row by row.
        const rows = dedupeByStep(points);
        const statements = [];
        for (let i = 0; i < rows.length; i += STEP_CHUNK) {
          const chunk = rows.slice(i, i + STEP_CHUNK);
          const values = chunk.flatMap((p) => [runId, p.globalStep, p.epoch, p.loss, p.recon, p.kl]);
          statements.push(prisma.$executeRawUnsafe(upsertStepsSql(chunk.length, provider), ...values));
        }
        await prisma.$transaction(statements);
      },
      async listSteps(runId) {
        const rows = await prisma.stepMetric.findMany({ where: { runId }, orderBy: { globalStep: "asc" } });
        return rows.map(({ runId: _r, ...p }) => p);
      },
    },

    grids: {
      async add(grids) {
        if (grids.length === 0) return;
        await prisma.$transaction(
          grids.map((g) => {
            const values = {
              rows: g.rows,
              cols: g.cols,
              rowLabels: g.rowLabels ? JSON.stringify(g.rowLabels) : null,
              pixels: toBytes(g.pixels),
            };
            return prisma.sampleGrid.upsert({
              where: { runId_epoch_kind: { runId: g.runId, epoch: g.epoch, kind: g.kind } },
              create: { runId: g.runId, epoch: g.epoch, kind: g.kind, ...values },
              update: values,
            });
          }),
        );
      },
      async latest(runId) {
        const last = await prisma.sampleGrid.findFirst({
          where: { runId },
          orderBy: { epoch: "desc" },
          select: { epoch: true },
        });
        if (!last) return [];
        return (
          await prisma.sampleGrid.findMany({ where: { runId, epoch: last.epoch }, orderBy: { kind: "asc" } })
        ).map(toGrid);
      },
      async byEpoch(runId, epoch) {
        return (await prisma.sampleGrid.findMany({ where: { runId, epoch }, orderBy: { kind: "asc" } })).map(toGrid);
      },
      async epochs(runId) {
        const rows = await prisma.sampleGrid.findMany({
          where: { runId },
          select: { epoch: true },
          distinct: ["epoch"],
          orderBy: { epoch: "asc" },
        });
        return rows.map((r) => r.epoch);
      },
    },

    latent: {
      async add(r) {
        const values = {
          count: r.labels.length,
          points: toBytes(new Uint8Array(r.points.buffer, r.points.byteOffset, r.points.byteLength)),
          labels: toBytes(r.labels),
          projection: r.projection as Prisma.InputJsonValue,
        };
        await prisma.latentScatter.upsert({
          where: { runId_epoch: { runId: r.runId, epoch: r.epoch } },
          create: { runId: r.runId, epoch: r.epoch, ...values },
          update: values,
        });
      },
      async byEpoch(runId, epoch) {
        const row = await prisma.latentScatter.findUnique({ where: { runId_epoch: { runId, epoch } } });
        return row ? toLatentScatter(row) : null;
      },
      async recent(runId, limit) {
        if (limit <= 0) return [];
        const rows = await prisma.latentScatter.findMany({ where: { runId }, orderBy: { epoch: "desc" }, take: limit });
        return rows.reverse().map(toLatentScatter);
      },
      async epochs(runId) {
        const rows = await prisma.latentScatter.findMany({
          where: { runId },
          select: { epoch: true },
          orderBy: { epoch: "asc" },
        });
        return rows.map((r) => r.epoch);
      },
    },

    evaluations: {
      async put(e) {
        const values = {
          epoch: e.epoch,
          row: e.row as Prisma.InputJsonValue,
          notes: e.notes as Prisma.InputJsonValue,
          seconds: e.seconds,
          createdAt: new Date(),
        };
        const row = await prisma.runEvaluation.upsert({
          where: { runId: e.runId },
          create: { runId: e.runId, ...values },
          update: values,
        });
        return toRunEvaluation(row);
      },
      async get(runId) {
        const row = await prisma.runEvaluation.findUnique({ where: { runId } });
        return row ? toRunEvaluation(row) : null;
      },
      async listBySession(sessionId) {
        const rows = await prisma.runEvaluation.findMany({
          where: { run: { sessionId } },
          orderBy: { run: { index: "asc" } },
        });
        return rows.map(toRunEvaluation);
      },
    },

    checkpoints: {
      async add(runId, epoch, artifacts) {
        const values = {
          createdAt: new Date(),
          meta: artifacts.meta as unknown as Prisma.InputJsonValue,
          encoderModelJson: artifacts.encoder.modelJson as Prisma.InputJsonValue,
          encoderWeights: toBytes(artifacts.encoder.weightData),
          decoderModelJson: artifacts.decoder.modelJson as Prisma.InputJsonValue,
          decoderWeights: toBytes(artifacts.decoder.weightData),
          decoderBytes: artifacts.decoder.weightData.byteLength,
          optimizerStep: artifacts.optimizer?.step ?? null,
          optimizerMoments: artifacts.optimizer ? toBytes(artifacts.optimizer.moments) : null,
        };
        const upsert = prisma.checkpoint.upsert({
          where: { runId_epoch: { runId, epoch } },
          create: { id: newId(), runId, epoch, ...values },
          update: values,
          select: checkpointSummarySelect,
        });
        if (!artifacts.optimizer) return upsert;
        // Only the newest checkpoint's Adam state can be resumed from: older ones give theirs up.
        const [summary] = await prisma.$transaction([
          upsert,
          prisma.checkpoint.updateMany({
            where: { runId, epoch: { lt: epoch }, NOT: { optimizerStep: null } },
            data: { optimizerStep: null, optimizerMoments: null },
          }),
        ]);
        return summary;
      },
      async get(id) {
        const row = await prisma.checkpoint.findUnique({ where: { id } });
        return row ? toCheckpoint(row) : null;
      },
      async sessionOf(id) {
        const row = await prisma.checkpoint.findUnique({
          where: { id },
          select: { run: { select: { sessionId: true } } },
        });
        return row?.run.sessionId ?? null;
      },
      async latest(runId) {
        const row = await prisma.checkpoint.findFirst({ where: { runId }, orderBy: { epoch: "desc" } });
        return row ? toCheckpoint(row) : null;
      },
      async list(runId) {
        return prisma.checkpoint.findMany({
          where: { runId },
          orderBy: { epoch: "asc" },
          select: checkpointSummarySelect,
        });
      },
      async deleteEpochs(runId, epochs) {
        if (epochs.length === 0) return [];
        const where = { runId, epoch: { in: [...epochs] }, galleryItems: { none: {} } };
        // Two statements, no interactive transaction: on SQLite (WAL) a transaction that reads and then writes fails
        // at once with SQLITE_BUSY when another connection (the blob writer thread) committed in between — the busy
        // timeout does not apply to that upgrade. The delete re-checks the whole condition itself, so a checkpoint
        // pinned by a gallery item in between stays; its id may still be returned (callers only drop it from a cache).
        const ids = (await prisma.checkpoint.findMany({ where, select: { id: true } })).map((d) => d.id);
        if (ids.length) await prisma.checkpoint.deleteMany({ where: { ...where, id: { in: ids } } });
        return ids;
      },
    },

    gallery: {
      async create(input) {
        const row = await prisma.galleryItem.create({
          data: {
            id: newId(),
            ...input,
            png: toBytes(input.png),
            meta: input.meta as Prisma.InputJsonValue,
            createdAt: new Date(),
          },
        });
        return toGalleryItem(row);
      },
      async get(id) {
        const row = await prisma.galleryItem.findUnique({ where: { id } });
        return row ? toGalleryItem(row) : null;
      },
      async list({ sessionId, before, limit }) {
        if (limit <= 0) return [];
        // Ids sort in creation order (ids.ts), so "newest first" is id descending and any id is a cursor.
        const rows = await prisma.galleryItem.findMany({
          where: { sessionId, ...(before !== undefined ? { id: { lt: before } } : {}) },
          orderBy: { id: "desc" },
          take: limit,
        });
        return rows.map(toGalleryItem);
      },
      async sessions(limit) {
        if (limit <= 0) return [];
        const groups = await prisma.galleryItem.groupBy({
          by: ["sessionId"],
          _count: { _all: true },
          _max: { id: true },
          orderBy: { _max: { id: "desc" } },
          take: limit,
        });
        const titles = new Map(
          (
            await prisma.session.findMany({
              where: { id: { in: groups.map((g) => g.sessionId) } },
              select: { id: true, title: true },
            })
          ).map((s) => [s.id, s.title]),
        );
        return groups.map((g) => ({
          sessionId: g.sessionId,
          title: titles.get(g.sessionId) ?? "",
          items: g._count._all,
          latestItemId: g._max.id ?? "",
        }));
      },
      async delete(id) {
        await prisma.galleryItem.deleteMany({ where: { id } });
      },
    },

    close: () => prisma.$disconnect(),
  };
}

/** Rows per upsert statement: 6 parameters each stays far below SQLite's and PostgreSQL's limits. */
const STEP_CHUNK = 500;

/** `INSERT ... ON CONFLICT DO UPDATE` reads the same in SQLite (3.24+) and PostgreSQL; only placeholders differ. */
function upsertStepsSql(rows: number, provider: "sqlite" | "postgresql"): string {
  let n = 0;
  const param = () => (provider === "postgresql" ? `$${++n}` : "?");
  const tuples = Array.from({ length: rows }, () => `(${[1, 2, 3, 4, 5, 6].map(param).join(", ")})`).join(", ");
  return (
    `INSERT INTO "StepMetric" ("runId", "globalStep", "epoch", "loss", "recon", "kl") VALUES ${tuples} ` +
    `ON CONFLICT ("runId", "globalStep") DO UPDATE SET "epoch" = excluded."epoch", "loss" = excluded."loss", ` +
    `"recon" = excluded."recon", "kl" = excluded."kl"`
  );
}

/** Last point wins when one batch repeats a globalStep (one statement may not touch a row twice). */
function dedupeByStep<T extends { globalStep: number }>(points: T[]): T[] {
  return [...new Map(points.map((p) => [p.globalStep, p])).values()];
}
