import path from "node:path";
import type { PoolConfig } from "pg";

/**
 * Which database a URL names. `file:` URLs are SQLite (relative paths resolve against the
 * working directory, like Prisma's CLI does for prisma.config.ts); `postgres://` and
 * `postgresql://` are PostgreSQL.
 */
export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string; pool: PoolConfig; database: string };

export type Provider = DatabaseTarget["provider"];

/** The SQLite database in a data folder: the default when DATABASE_URL is unset (server, CLI, Prisma's CLI). */
export function sqliteUrlIn(dataDir: string): string {
  return `file:${path.join(dataDir, "playground.db")}`;
}

/** `DATABASE_URL`, else `file:<DATA_DIR or ./data>/playground.db`. */
export function defaultDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.DATABASE_URL?.trim();
  if (fromEnv) return fromEnv;
  return sqliteUrlIn(env.DATA_DIR?.trim() || "./data");
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).replace(/\?.*$/, "");
    if (!file) throw new Error("database URL: `file:` needs a path, e.g. file:./data/playground.db");
    return { provider: "sqlite", url, file: file === ":memory:" ? file : path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const u = new URL(url);
    const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
    // Parsed settings rather than `connectionString`: pg lets a connectionString override `database`,
    // which would point adapter-pg's shadow database at the main one.
    const pool: PoolConfig = {
      host: decodeURIComponent(u.hostname) || "localhost",
      port: u.port ? Number(u.port) : 5432,
      user: decodeURIComponent(u.username) || undefined,
      password: decodeURIComponent(u.password) || undefined,
      database,
    };
    const sslmode = u.searchParams.get("sslmode");
    if (sslmode && sslmode !== "disable") pool.ssl = sslmode === "no-verify" ? { rejectUnauthorized: false } : true;
    return { provider: "postgresql", url, pool, database };
  }
  throw new Error(`database URL must start with file:, postgres:// or postgresql:// (got "${url.slice(0, 20)}...")`);
}
