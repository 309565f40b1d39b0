import Database from "better-sqlite3";
import pg from "pg";
import type { CheckpointArtifacts } from "../../lib/contracts/training";
import { newId } from "../repositories/ids";
import type { CheckpointSummary, GridRecord } from "../repositories/types";
import { parseDatabaseUrl } from "./databaseUrl";

/**
 * Writes the big binary rows (checkpoints, sample grids) with the database driver itself, binding the bytes as
 * they are. Prisma's client sends every Bytes value through its query compiler as base64 inside the query: a
 * checkpoint of the largest model the budgets allow (8 M parameters: 32 MB of weights, 64 MB of Adam's moments)
 * cost far more memory than the bytes that way, and the compiler's WebAssembly memory, which can only grow, kept
 * most of it (docs/performance.md). Same rows, same columns and
 * value formats as server/repositories/prisma.ts writes (tests/integration/db/blobStore.test.ts reads them back
 * through the Prisma repositories on SQLite and PostgreSQL).
 */
export interface BlobStore {
  /** Stores (or replaces) the run's checkpoint of this epoch; one with Adam's state clears that of older epochs. */
  writeCheckpoint(runId: string, epoch: number, artifacts: CheckpointArtifacts): Promise<CheckpointSummary>;
  writeGrids(grids: GridRecord[]): Promise<void>;
  close(): Promise<void>;
}

const bytes = (data: ArrayBuffer | Uint8Array) =>
  data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** The checkpoint's column values in table order (after id, runId, epoch, createdAt). */
function checkpointValues(a: CheckpointArtifacts) {
  return [
    JSON.stringify(a.meta),
    JSON.stringify(a.encoder.modelJson),
    bytes(a.encoder.weightData),
    JSON.stringify(a.decoder.modelJson),
    bytes(a.decoder.weightData),
    a.decoder.weightData.byteLength,
    a.optimizer?.step ?? null,
    a.optimizer ? bytes(a.optimizer.moments) : null,
  ] as const;
}

const CHECKPOINT_COLUMNS = `"id", "runId", "epoch", "createdAt", "meta", "encoderModelJson", "encoderWeights", "decoderModelJson", "decoderWeights", "decoderBytes", "optimizerStep", "optimizerMoments"`;
const CHECKPOINT_UPDATES = `"createdAt" = excluded."createdAt", "meta" = excluded."meta", "encoderModelJson" = excluded."encoderModelJson", "encoderWeights" = excluded."encoderWeights", "decoderModelJson" = excluded."decoderModelJson", "decoderWeights" = excluded."decoderWeights", "decoderBytes" = excluded."decoderBytes", "optimizerStep" = excluded."optimizerStep", "optimizerMoments" = excluded."optimizerMoments"`;
const GRID_SQL = (p: (i: number) => string) =>
  `INSERT INTO "SampleGrid" ("runId", "epoch", "kind", "rows", "cols", "rowLabels", "pixels") VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(", ")}) ` +
  `ON CONFLICT ("runId", "epoch", "kind") DO UPDATE SET "rows" = excluded."rows", "cols" = excluded."cols", "rowLabels" = excluded."rowLabels", "pixels" = excluded."pixels"`;
const CLEAR_OLDER_MOMENTS = (p: (i: number) => string) =>
  `UPDATE "Checkpoint" SET "optimizerStep" = NULL, "optimizerMoments" = NULL WHERE "runId" = ${p(1)} AND "epoch" < ${p(2)} AND "optimizerStep" IS NOT NULL`;
const gridValues = (g: GridRecord) => [
  g.runId,
  g.epoch,
  g.kind,
  g.rows,
  g.cols,
  g.rowLabels ? JSON.stringify(g.rowLabels) : null,
  bytes(g.pixels),
];

/** SQLite: the format Prisma's better-sqlite3 adapter writes DateTime columns in. */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

function sqliteBlobStore(file: string): BlobStore {
  const db = new Database(file, { timeout: 10_000, fileMustExist: true });
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  const upsert = db.prepare(
    `INSERT INTO "Checkpoint" (${CHECKPOINT_COLUMNS}) VALUES (${Array(12).fill("?").join(", ")}) ` +
      `ON CONFLICT ("runId", "epoch") DO UPDATE SET ${CHECKPOINT_UPDATES} RETURNING "id", "createdAt", "decoderBytes"`,
  );
  const clear = db.prepare(CLEAR_OLDER_MOMENTS(() => "?"));
  const grid = db.prepare(GRID_SQL(() => "?"));
  const writeCheckpoint = db.transaction((runId: string, epoch: number, a: CheckpointArtifacts) => {
    const row = upsert.get(newId(), runId, epoch, sqliteDate(new Date()), ...checkpointValues(a)) as {
      id: string;
      createdAt: string;
      decoderBytes: number;
    };
    if (a.optimizer) clear.run(runId, epoch);
    return row;
  });
  const writeGrids = db.transaction((grids: GridRecord[]) => {
    for (const g of grids) grid.run(...gridValues(g));
  });
  return {
    async writeCheckpoint(runId, epoch, artifacts) {
      const row = writeCheckpoint(runId, epoch, artifacts);
      return { id: row.id, runId, epoch, createdAt: new Date(row.createdAt), decoderBytes: row.decoderBytes };
    },
    async writeGrids(grids) {
      writeGrids(grids);
    },
    async close() {
      db.close();
    },
  };
}

function postgresBlobStore(config: pg.PoolConfig): BlobStore {
  const pool = new pg.Pool({ ...config, max: 2 });
  const p = (i: number) => `$${i}`;
  const inTransaction = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
  return {
    writeCheckpoint(runId, epoch, artifacts) {
      return inTransaction(async (c) => {
        const now = new Date();
        const { rows } = await c.query<{ id: string; decoderBytes: number }>(
          `INSERT INTO "Checkpoint" (${CHECKPOINT_COLUMNS}) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9, $10, $11, $12) ` +
            `ON CONFLICT ("runId", "epoch") DO UPDATE SET ${CHECKPOINT_UPDATES} RETURNING "id", "decoderBytes"`,
          // TIMESTAMP(3) without a zone holds UTC (as Prisma writes it): pass the UTC wall time, not a Date, which
          // node-postgres would send in the machine's local zone.
          [newId(), runId, epoch, now.toISOString().slice(0, -1), ...checkpointValues(artifacts)],
        );
        if (artifacts.optimizer) await c.query(CLEAR_OLDER_MOMENTS(p), [runId, epoch]);
        const row = rows[0]!;
        return { id: row.id, runId, epoch, createdAt: now, decoderBytes: row.decoderBytes };
      });
    },
    async writeGrids(grids) {
      if (grids.length === 0) return;
      await inTransaction(async (c) => {
        for (const g of grids) await c.query(GRID_SQL(p), gridValues(g));
      });
    },
    close: () => pool.end(),
  };
}

/**
 * A blob store on the database `databaseUrl` names, once it answers (the app's repositories migrate it; this
 * checks the tables are there, so a wrong URL fails here rather than at the first checkpoint).
 */
export async function openBlobStore(databaseUrl: string): Promise<BlobStore> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.provider === "sqlite") return sqliteBlobStore(target.file); // preparing the statements checks the tables
  const probe = new pg.Client(target.pool);
  try {
    await probe.connect();
    await probe.query(`SELECT 1 FROM "Checkpoint" LIMIT 0`);
  } finally {
    await probe.end().catch(() => undefined);
  }
  return postgresBlobStore(target.pool);
}
