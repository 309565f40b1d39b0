import { PrismaClient as PostgresClient } from "../../generated/prisma-postgres/client";
import { PrismaClient as SqliteClient } from "../../generated/prisma-sqlite/client";
import { createPrismaRepositories } from "../repositories/prisma";
import type { Repositories } from "../repositories/types";
import { postgresAdapter, sqliteAdapter } from "./adapters";
import { defaultDatabaseUrl, parseDatabaseUrl } from "./databaseUrl";
import { infoLog } from "../logging/logger";
import { migrateDatabase } from "./migrate";
import { envValue } from "../config/env";

export { defaultDatabaseUrl } from "./databaseUrl";

export interface CreateRepositoriesOptions {
  /** Apply pending migrations first (default true; idempotent, ~20-100 ms when up to date). */
  migrate?: boolean;
  /** Where to report applied migrations (default: the process log, silent under `node --test`). */
  log?: (line: string) => void;
}

/**
 * Opens the database named by `databaseUrl` (default: DATABASE_URL, else file:<DATA_DIR>/playground.db),
 * applies pending migrations, and returns the Prisma-backed repositories. Call `close()` on shutdown.
 *
 * - `file:...`                     SQLite through better-sqlite3 (WAL mode, set by the migrator)
 * - `postgres://`/`postgresql://`  PostgreSQL through node-postgres (a pool of up to PG_POOL_SIZE, default 10)
 */
export async function createRepositories(
  databaseUrl: string = defaultDatabaseUrl(),
  opts: CreateRepositoriesOptions = {},
): Promise<Repositories> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.provider === "sqlite" && target.file === ":memory:") {
    // The migrator and the client would each get their own, separate in-memory database.
    throw new Error(
      "createRepositories: in-memory SQLite is not supported; use createMemoryRepositories() or a temp file",
    );
  }
  const log = opts.log ?? infoLog("db");
  if (opts.migrate ?? true) {
    const migrated = await migrateDatabase(databaseUrl);
    if (migrated.applied.length > 0)
      log(`[db] ${target.provider}: applied ${migrated.applied.join(", ")} (${migrated.ms} ms)`);
  }
  if (target.provider === "sqlite") {
    const client = new SqliteClient({ adapter: sqliteAdapter(target) });
    // The adapter holds one better-sqlite3 connection, so per-connection pragmas set here stick.
    // foreign_keys: cascades depend on it (better-sqlite3 enables it by default; be explicit).
    // synchronous=NORMAL: in WAL mode, commits no longer fsync (the WAL is synced at checkpoints);
    // a power cut may lose the last commits but never corrupts the file, and small writes get much faster.
    await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    return createPrismaRepositories(client, "sqlite");
  }
  const max = envValue("PG_POOL_SIZE");
  const client = new PostgresClient({ adapter: postgresAdapter({ ...target, pool: { ...target.pool, max } }) });
  // Same models, same generated API (see repositories/prisma.ts); only the provider differs.
  return createPrismaRepositories(client as unknown as SqliteClient, "postgresql");
}
