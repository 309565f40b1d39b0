import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { DatabaseTarget } from "./databaseUrl";

/** Prisma driver adapter factories for a parsed database URL (used by the client and the migrator). */

export function sqliteAdapter(target: Extract<DatabaseTarget, { provider: "sqlite" }>): PrismaBetterSqlite3 {
  if (target.file !== ":memory:") fs.mkdirSync(path.dirname(target.file), { recursive: true });
  // better-sqlite3 waits up to `timeout` ms on a locked database instead of failing at once
  // (several processes may share the file in WAL mode).
  return new PrismaBetterSqlite3({ url: `file:${target.file}`, timeout: 10_000 });
}

export function postgresAdapter(target: Extract<DatabaseTarget, { provider: "postgresql" }>): PrismaPg {
  return new PrismaPg(target.pool);
}

/** PostgreSQL type oid of `"char"` (pg_catalog's one-byte type) and of `text`. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * A pg pool whose results report `"char"` columns as `text`. The schema engine's describer reads
 * catalog columns such as `pg_constraint.contype` ("char"), which adapter-pg refuses
 * (UnsupportedNativeDataType); the values already arrive as one-character strings.
 * Only the migrator uses this; the app's own queries never select "char" columns.
 */
export function migratorPgPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: (...args: unknown[]) => Promise<pg.QueryResult> }).query = async (
    ...args: unknown[]
  ) => {
    const result = await original(...args);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  return pool;
}

/** The adapter the schema engine uses: SQLite as is; PostgreSQL through migratorPgPool. */
export function migrationAdapter(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === "sqlite") return new MigratorSqliteFactory(sqliteAdapter(target));
  return new MigratorPgFactory(target.pool);
}

/**
 * The engine replays migration files on the shadow database through `executeRaw`, which
 * better-sqlite3 limits to one statement; a parameterless multi-statement string is a script, so
 * run it with executeScript (better-sqlite3's exec) instead.
 */
class MigratorSqliteFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  constructor(private readonly inner: PrismaBetterSqlite3) {
    this.adapterName = inner.adapterName;
  }
  async connect() {
    return withScriptFallback(await this.inner.connect());
  }
  async connectToShadowDb() {
    return withScriptFallback(await this.inner.connectToShadowDb());
  }
}

function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (e) {
      if (query.args.length > 0 || !/more than one statement/.test(e instanceof Error ? e.message : String(e))) throw e;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

/**
 * adapter-pg's own factory, except that both the main and the shadow database go through
 * migratorPgPool (its connectToShadowDb builds a plain pool).
 */
class MigratorPgFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  constructor(private readonly config: pg.PoolConfig) {}

  // One connection per pool: migrate takes a session-level advisory lock, and the unlock must run on
  // the connection that took it (a larger pool would hand it to another one and leave the lock held).
  connect() {
    return new PrismaPg(migratorPgPool({ ...this.config, max: 1 }), { disposeExternalPool: true }).connect();
  }

  async connectToShadowDb() {
    const admin = new pg.Pool({ ...this.config, max: 1 });
    const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replace(/-/g, "")}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg(migratorPgPool({ ...this.config, database: name, max: 1 }), {
      disposeExternalPool: true,
    }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.end();
    };
    return shadow;
  }
}
