import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

// SQLite and PostgreSQL need separate schema files (the provider is static) and migration folders;
// these checks keep them describing the same database.
const root = path.resolve(__dirname, "../../../..");
const read = (p: string) => fs.readFileSync(path.join(root, p), "utf8");
const MARKER = "// ---- models";

const modelsOf = (schema: string) => {
  const at = schema.indexOf(MARKER);
  assert.ok(at >= 0, `schema must contain the "${MARKER}" marker`);
  return schema.slice(at);
};

test("the SQLite and PostgreSQL schema files declare identical models", () => {
  const sqlite = modelsOf(read("prisma/schema.prisma"));
  const pg = modelsOf(read("prisma/postgres/schema.prisma"));
  assert.equal(pg, sqlite);
  for (const model of ["Session", "Run", "EpochMetric", "StepMetric", "SampleGrid", "Checkpoint", "GalleryItem"]) {
    assert.match(sqlite, new RegExp(`\\nmodel ${model} \\{`), `model ${model} is missing`);
  }
});

test("each schema generates its own CommonJS client and names its provider", () => {
  const sqlite = read("prisma/schema.prisma").slice(0, read("prisma/schema.prisma").indexOf(MARKER));
  const pg = read("prisma/postgres/schema.prisma").slice(0, read("prisma/postgres/schema.prisma").indexOf(MARKER));
  assert.match(sqlite, /provider\s*=\s*"sqlite"/);
  assert.match(pg, /provider\s*=\s*"postgresql"/);
  assert.match(sqlite, /output\s*=\s*"\.\.\/generated\/prisma-sqlite"/);
  assert.match(pg, /output\s*=\s*"\.\.\/\.\.\/generated\/prisma-postgres"/);
  for (const header of [sqlite, pg]) assert.match(header, /moduleFormat\s*=\s*"cjs"/);
});

test("both providers have the same migration folders, each with migration.sql and the right lockfile", () => {
  const folders = (dir: string) =>
    fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  const sqlite = folders("prisma/migrations");
  assert.ok(sqlite.length > 0);
  assert.deepEqual(folders("prisma/postgres/migrations"), sqlite);
  for (const name of sqlite) {
    assert.match(name, /^\d{14}_[a-z0-9_]+$/);
    assert.ok(fs.existsSync(path.join(root, "prisma/migrations", name, "migration.sql")));
    assert.ok(fs.existsSync(path.join(root, "prisma/postgres/migrations", name, "migration.sql")));
  }
  assert.match(read("prisma/migrations/migration_lock.toml"), /^provider = "sqlite"$/m);
  assert.match(read("prisma/postgres/migrations/migration_lock.toml"), /^provider = "postgresql"$/m);
});
