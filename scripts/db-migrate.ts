/**
 * npm run db:migrate                      apply pending migrations to DATABASE_URL (default SQLite file)
 * npm run db:migrate:dev -- --name <x>    write new migration folders for BOTH providers from the schema
 *                                         files, then apply them to DATABASE_URL
 *
 * Both go through Prisma's schema engine as WebAssembly (server/db/migrate.ts), so they work where
 * the native engine cannot be downloaded. On a laptop with internet, `npx prisma migrate deploy`
 * reads the same folders (prisma.config.ts picks the schema from DATABASE_URL).
 *
 * The PostgreSQL migration needs a server for its temporary shadow database:
 * SHADOW_DATABASE_URL_PG, else TEST_DATABASE_URL_PG, else a PostgreSQL DATABASE_URL.
 * Without one, only the SQLite folder is written and the command fails, naming what is missing.
 */
import { parseArgs } from "node:util";
import { defaultDatabaseUrl, parseDatabaseUrl } from "../server/db/databaseUrl";
import { createMigration, migrateDatabase } from "../server/db/migrate";

async function deploy(url: string): Promise<void> {
  const r = await migrateDatabase(url);
  const where = r.provider === "sqlite" ? parseDatabaseUrl(url).url : "postgresql";
  console.log(
    r.applied.length
      ? `applied ${r.applied.length} migration(s) to ${where}: ${r.applied.join(", ")}`
      : `${where} is up to date`,
    `(${r.ms} ms)`,
  );
}

async function dev(name: string, url: string): Promise<void> {
  const now = new Date(); // one timestamp, so both providers' folders share the name
  const sqlite = await createMigration({ provider: "sqlite", name, now });
  console.log(
    sqlite.name
      ? `wrote prisma/migrations/${sqlite.name}/migration.sql`
      : "sqlite: schema matches the migrations, nothing to write",
  );

  const pgServer =
    process.env.SHADOW_DATABASE_URL_PG ??
    process.env.TEST_DATABASE_URL_PG ??
    (url.startsWith("postgres") ? url : undefined);
  if (!pgServer) {
    throw new Error(
      "set SHADOW_DATABASE_URL_PG (or TEST_DATABASE_URL_PG) to a PostgreSQL server to write the matching " +
        "prisma/postgres/migrations folder; the two providers' migrations must stay in step",
    );
  }
  const pg = await createMigration({ provider: "postgresql", name, now, shadowDatabaseUrl: pgServer });
  console.log(
    pg.name
      ? `wrote prisma/postgres/migrations/${pg.name}/migration.sql`
      : "postgresql: schema matches the migrations, nothing to write",
  );
  await deploy(url);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { name: { type: "string" } }, allowPositionals: true });
  const url = defaultDatabaseUrl();
  if (positionals[0] === "dev") {
    if (!values.name) throw new Error("usage: npm run db:migrate:dev -- --name <what_changed>");
    await dev(values.name, url);
  } else {
    await deploy(url);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
