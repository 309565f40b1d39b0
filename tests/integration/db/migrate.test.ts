import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { createMigration, migrateDatabase } from "../../../server/db/migrate";
import { migrationsDir, schemaPath } from "../../../server/db/migrationsFolder";
import { createTempPgDatabase, PG_SKIP_MESSAGE, TEST_PG_URL } from "./pgTestDatabase";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "playground-migrate-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const folderNames = (dir: string) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  applied_steps_count: number | bigint;
}

/** What `prisma migrate deploy` would have recorded: one finished row per folder, checksum = sha256(migration.sql). */
function assertRecordedLikePrisma(rows: MigrationRow[], dir: string) {
  assert.deepEqual(rows.map((r) => r.migration_name).sort(), folderNames(dir));
  for (const r of rows) {
    assert.equal(r.checksum, sha256(path.join(dir, r.migration_name, "migration.sql")));
    assert.notEqual(r.finished_at, null);
    assert.equal(r.rolled_back_at, null);
    assert.equal(Number(r.applied_steps_count), 1);
  }
}

describe("migrations on SQLite", () => {
  test("a fresh file gets every migration, recorded as Prisma does, in WAL mode; a second run applies nothing", async () => {
    const url = `file:${path.join(tmp, "fresh.db")}`;
    const first = await migrateDatabase(url);
    assert.deepEqual(first.applied, folderNames(migrationsDir("sqlite")));
    assert.deepEqual((await migrateDatabase(url)).applied, []);
    const db = new Database(path.join(tmp, "fresh.db"), { readonly: true });
    try {
      assertRecordedLikePrisma(
        db.prepare("SELECT * FROM _prisma_migrations").all() as MigrationRow[],
        migrationsDir("sqlite"),
      );
      assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
      const tables = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
      ).map((t) => t.name);
      for (const t of ["Session", "Run", "EpochMetric", "StepMetric", "SampleGrid", "Checkpoint", "GalleryItem"])
        assert.ok(tables.includes(t), t);
    } finally {
      db.close();
    }
  });

  test("two servers migrating the same file at once both succeed and apply it once", async () => {
    const url = `file:${path.join(tmp, "race.db")}`;
    const [a, b] = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
    assert.equal(a.applied.length + b.applied.length, folderNames(migrationsDir("sqlite")).length);
  });

  test("prisma/schema.prisma matches what prisma/migrations builds (no migration is missing)", async () => {
    const r = await createMigration({ provider: "sqlite", name: "check", dryRun: true });
    assert.equal(
      r.changed,
      false,
      `schema and migrations differ; run npm run db:migrate:dev -- --name <x>:\n${r.script}`,
    );
  });

  test("createMigration writes the next folder from a schema change, and migrateDatabase applies it", async () => {
    const dir = path.join(tmp, "migrations");
    fs.cpSync(migrationsDir("sqlite"), dir, { recursive: true });
    const schemaFile = path.join(tmp, "schema.prisma");
    const schema = fs
      .readFileSync(schemaPath("sqlite"), "utf8")
      .replace("  title          String\n", "  title          String\n  note           String?\n");
    assert.ok(schema.includes("note           String?"), "test setup: the schema edit must apply");
    fs.writeFileSync(schemaFile, schema);
    const created = await createMigration({
      provider: "sqlite",
      name: "Add session note",
      migrationsDir: dir,
      schemaFile,
      now: new Date("2099-01-02T03:04:05Z"),
    });
    assert.equal(created.name, "20990102030405_add_session_note");
    const sql = fs.readFileSync(path.join(dir, created.name, "migration.sql"), "utf8");
    assert.match(sql, /ALTER TABLE "Session" ADD COLUMN "note" TEXT/);
    assert.match(fs.readFileSync(path.join(dir, "migration_lock.toml"), "utf8"), /provider = "sqlite"/);
    const again = await createMigration({ provider: "sqlite", name: "noop", migrationsDir: dir, schemaFile });
    assert.equal(again.name, null, "an unchanged schema writes no folder");
    const applied = await migrateDatabase(`file:${path.join(tmp, "evolved.db")}`, { migrationsDir: dir });
    assert.equal(applied.applied.at(-1), created.name);
  });
});

describe("migrations on PostgreSQL", { skip: TEST_PG_URL ? false : PG_SKIP_MESSAGE }, () => {
  test("a fresh database gets every migration recorded as Prisma does; reruns and concurrent runs are safe", async () => {
    const db = await createTempPgDatabase(TEST_PG_URL!);
    try {
      const [a, b] = await Promise.all([migrateDatabase(db.url), migrateDatabase(db.url)]);
      assert.deepEqual([...a.applied, ...b.applied].sort(), folderNames(migrationsDir("postgresql")));
      assert.deepEqual((await migrateDatabase(db.url)).applied, []);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query<MigrationRow>("SELECT * FROM _prisma_migrations");
        assertRecordedLikePrisma(rows, migrationsDir("postgresql"));
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });

  test("prisma/postgres/schema.prisma matches what prisma/postgres/migrations builds", async () => {
    const r = await createMigration({
      provider: "postgresql",
      name: "check",
      dryRun: true,
      shadowDatabaseUrl: TEST_PG_URL!,
    });
    assert.equal(
      r.changed,
      false,
      `schema and migrations differ; run npm run db:migrate:dev -- --name <x>:\n${r.script}`,
    );
  });
});
