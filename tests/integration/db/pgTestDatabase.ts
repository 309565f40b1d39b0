import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * PostgreSQL tests read TEST_DATABASE_URL_PG (see scripts/ci-postgres.sh). Each run creates its own
 * database next to that one (the role needs CREATEDB) and drops it afterwards, so reruns start clean.
 */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL_PG?.trim() || undefined;

export const PG_SKIP_MESSAGE =
  "TEST_DATABASE_URL_PG is not set: PostgreSQL tests skipped (run scripts/ci-postgres.sh and export the URL it prints)";

export async function createTempPgDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `playground_t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
