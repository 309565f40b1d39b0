import { defineConfig } from "prisma/config";
import { defaultDatabaseUrl } from "./server/db/databaseUrl";

/**
 * Prisma CLI configuration (Prisma 7 keeps the URL here, not in schema.prisma).
 * DATABASE_URL picks the provider: `postgres://` / `postgresql://` uses prisma/postgres/schema.prisma
 * and its migrations; anything else (default `file:./data/playground.db`) the SQLite schema.
 * So on a laptop `DATABASE_URL=postgresql://... npx prisma migrate deploy` reads the same folders the
 * app applies at startup (server/db/migrate.ts).
 */
const url = defaultDatabaseUrl();
const isPostgres = /^postgres(ql)?:\/\//.test(url);
const dir = isPostgres ? "prisma/postgres" : "prisma";

export default defineConfig({
  schema: `${dir}/schema.prisma`,
  migrations: { path: `${dir}/migrations` },
  datasource: { url },
});
