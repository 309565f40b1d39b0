import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * PostgreSQL tests read TEST_DATABASE_URL_PG (npm run services: scripts/services.sh). Each run creates its own
 * database next to that one (the role needs CREATEDB) and drops it afterwards, so reruns start clean.
 */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL_PG?.trim() || undefined;

export const PG_SKIP_MESSAGE =
  "TEST_DATABASE_URL_PG is not set: PostgreSQL tests skipped (npm run services starts PostgreSQL and prints the export line)";

const PREFIX = "playground_t_";
/** Databases of crashed runs (never dropped) are removed once they are this old. */
const STALE_MS = 6 * 3600_000;
const TEMP_NAME = /^playground_t_([0-9a-z]{8,9})_[0-9a-f]{8}$/;

export async function createTempPgDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await dropStale(admin);
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
        // FORCE may meet a backend it may not terminate (an autovacuum worker started by the test's writes, run as
        // the server's superuser: error 42501); that one ends by itself within moments, so try again.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== "42501" || attempt >= 10) throw err;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

async function dropStale(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
    [PREFIX],
  );
  for (const { datname } of rows) {
    const match = TEMP_NAME.exec(datname); // exactly our names, never e.g. playground_test
    const created = match ? parseInt(match[1]!, 36) : NaN;
    if (Number.isFinite(created) && Date.now() - created > STALE_MS) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {}); // another run may race us
    }
  }
}
