import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { defaultDatabaseUrl, parseDatabaseUrl } from "../../../../server/db/databaseUrl";

test("defaultDatabaseUrl: DATABASE_URL wins, else DATA_DIR/playground.db, else ./data", () => {
  assert.equal(defaultDatabaseUrl({ DATABASE_URL: "postgresql://u@h/db", DATA_DIR: "/x" }), "postgresql://u@h/db");
  assert.equal(defaultDatabaseUrl({ DATA_DIR: "/srv/data" }), "file:/srv/data/playground.db");
  assert.equal(defaultDatabaseUrl({}), "file:data/playground.db");
});

test("parseDatabaseUrl: file: URLs are SQLite with an absolute path", () => {
  const t = parseDatabaseUrl("file:./data/x.db");
  assert.equal(t.provider, "sqlite");
  assert.equal(t.file, path.resolve("data/x.db"));
  const m = parseDatabaseUrl("file::memory:");
  assert.equal(m.provider === "sqlite" && m.file, ":memory:");
});

test("parseDatabaseUrl: postgres URLs become pool settings (decoded), without a connectionString", () => {
  const t = parseDatabaseUrl("postgresql://play%40er:p%3Ass@db.local:6543/my_db?sslmode=require");
  assert.equal(t.provider, "postgresql");
  assert.deepEqual(
    {
      host: t.pool.host,
      port: t.pool.port,
      user: t.pool.user,
      password: t.pool.password,
      database: t.pool.database,
      ssl: t.pool.ssl,
    },
    { host: "db.local", port: 6543, user: "play@er", password: "p:ss", database: "my_db", ssl: true },
  );
  assert.equal("connectionString" in t.pool, false);
  assert.equal(parseDatabaseUrl("postgres://h/d").provider, "postgresql");
});

test("parseDatabaseUrl: other schemes and empty paths are rejected with a helpful message", () => {
  assert.throws(() => parseDatabaseUrl("mysql://h/d"), /file:, postgres:\/\/ or postgresql:\/\//);
  assert.throws(() => parseDatabaseUrl("file:"), /needs a path/);
});
