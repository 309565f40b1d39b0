import fs from "node:fs/promises";
import type { SchemaFilter } from "@prisma/schema-engine-wasm";
import { migrationAdapter } from "./adapters";
import { parseDatabaseUrl, type Provider } from "./databaseUrl";
import {
  lockfileContent,
  migrationsDir,
  migrationTimestamp,
  readMigrationList,
  schemaPath,
  slugMigrationName,
  writeMigration,
} from "./migrationsFolder";
import { loadSchemaEngine } from "./schemaEngine";

/**
 * Migrations through Prisma's own schema engine (WebAssembly build, see schemaEngine.ts):
 * - migrateDatabase = `prisma migrate deploy`: applies pending folders of prisma/(postgres/)migrations
 *   and records them in `_prisma_migrations` (checksums, timestamps) exactly as the CLI does, so the
 *   CLI and this function can be used interchangeably on the same database.
 * - createMigration = the file-writing half of `prisma migrate dev --name x`: diffs "migrations
 *   replayed on a shadow database" against the schema file and writes a new migration folder.
 */

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface MigrateResult {
  provider: Provider;
  applied: string[];
  ms: number;
}

/** Applies pending migrations. Idempotent; safe at every startup. SQLite files get WAL mode. */
export async function migrateDatabase(
  databaseUrl: string,
  opts: { migrationsDir?: string } = {},
): Promise<MigrateResult> {
  const t0 = Date.now();
  const target = parseDatabaseUrl(databaseUrl);
  const migrationsList = await readMigrationList(opts.migrationsDir ?? migrationsDir(target.provider));
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`no migrations found in ${migrationsList.baseDir}`);
  }
  const { engine, rethrow, free } = await loadSchemaEngine(migrationAdapter(target));
  try {
    if (target.provider === "sqlite" && target.file !== ":memory:") {
      // WAL lets readers (other app servers, the CLI) proceed while a writer commits; it is a
      // property of the file, so setting it once here covers every later connection.
      await engine
        .dbExecute({ datasourceType: { tag: "url", url: databaseUrl }, script: "PRAGMA journal_mode = WAL;" })
        .catch(rethrow);
    }
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTER }).catch(rethrow);
    return { provider: target.provider, applied: out.appliedMigrationNames, ms: Date.now() - t0 };
  } finally {
    await free();
  }
}

export interface CreateMigrationResult {
  /** Folder name, or null when the schema already matches the migrations. */
  name: string | null;
  dir: string | null;
  script: string;
  /** Whether the schema differs from what the migrations build. */
  changed: boolean;
}

/**
 * Writes a new migration folder for `provider` from the difference between its migrations folder and
 * its schema file. Uses a throwaway shadow database: SQLite in memory; PostgreSQL a temporary
 * database created through `shadowDatabaseUrl` (the role needs CREATEDB). Does not touch any app data.
 */
export async function createMigration(opts: {
  provider: Provider;
  name: string;
  /** PostgreSQL only: server to create the temporary shadow database on. */
  shadowDatabaseUrl?: string;
  /** Write an (empty) migration even when nothing changed, like `--create-only` on an empty diff. */
  allowEmpty?: boolean;
  /** Compute the script but write nothing (tests use it to check schema and migrations agree). */
  dryRun?: boolean;
  now?: Date;
  /** Defaults: the provider's folder and schema file in prisma/. */
  migrationsDir?: string;
  schemaFile?: string;
}): Promise<CreateMigrationResult> {
  const { provider } = opts;
  const folder = `${migrationTimestamp(opts.now)}_${slugMigrationName(opts.name)}`;
  const baseDir = opts.migrationsDir ?? migrationsDir(provider);
  const migrationsList = await readMigrationList(baseDir);
  // The engine needs the lockfile to know the connector of an empty migrations folder.
  migrationsList.lockfile.content ??= lockfileContent(provider);
  const schemaFile = opts.schemaFile ?? schemaPath(provider);
  const content = await fs.readFile(schemaFile, "utf8");

  const shadowUrl = provider === "sqlite" ? "file::memory:" : opts.shadowDatabaseUrl;
  if (!shadowUrl)
    throw new Error(
      "createMigration for PostgreSQL needs shadowDatabaseUrl (a server where the role may CREATE DATABASE)",
    );
  const { engine, rethrow, free } = await loadSchemaEngine(migrationAdapter(parseDatabaseUrl(shadowUrl)));
  try {
    const diff = await engine
      .diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [{ path: schemaFile, content }] },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      })
      .catch(rethrow);
    const script = diff.stdout ?? "";
    // exitCode 2 = non-empty diff (the `--exit-code` convention of `prisma migrate diff`).
    if ((diff.exitCode !== 2 && !opts.allowEmpty) || opts.dryRun)
      return { name: null, dir: null, script, changed: diff.exitCode === 2 };
    const dir = await writeMigration(baseDir, folder, script, provider);
    return { name: folder, dir, script, changed: diff.exitCode === 2 };
  } finally {
    await free();
  }
}
