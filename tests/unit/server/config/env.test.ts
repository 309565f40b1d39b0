import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { loadConfig } from "../../../../server/config/env";

test("defaults: port 3000, one run at a time, SQLite under DATA_DIR", () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.maxConcurrentRuns, 1);
  assert.equal(c.dataDir, path.resolve("./data"));
  assert.equal(c.databaseUrl, `file:${path.resolve("./data/playground.db")}`);
  assert.equal(c.publicUrl, null);
  assert.equal(c.dev, true);
  assert.equal(c.checkpointFloat16, false);
});

test("values are coerced and validated; empty strings count as unset", () => {
  const c = loadConfig({
    PORT: "8080",
    MAX_CONCURRENT_RUNS: "3",
    DATA_DIR: "/tmp/x",
    PUBLIC_URL: "https://vae.example.org/",
    NODE_ENV: "production",
    DATABASE_URL: "",
  });
  assert.equal(c.port, 8080);
  assert.equal(c.maxConcurrentRuns, 3);
  assert.equal(c.databaseUrl, "file:/tmp/x/playground.db");
  assert.equal(c.publicUrl, "https://vae.example.org");
  assert.equal(c.dev, false);
  assert.equal(loadConfig({ DATABASE_URL: "postgresql://u:p@h/db" }).databaseUrl, "postgresql://u:p@h/db");
  assert.equal(loadConfig({ CHECKPOINT_FLOAT16: "1" }).checkpointFloat16, true);
  assert.equal(loadConfig({}).sessionCreateLimit, 20);
  assert.equal(loadConfig({ SESSION_CREATE_LIMIT: "0" }).sessionCreateLimit, 0);
});

test("bad values name the variable", () => {
  assert.throws(() => loadConfig({ PORT: "http" }), /PORT/);
  assert.throws(() => loadConfig({ MAX_CONCURRENT_RUNS: "0" }), /MAX_CONCURRENT_RUNS/);
  assert.throws(() => loadConfig({ DATABASE_URL: "mysql://x" }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ PUBLIC_URL: "not a url" }), /PUBLIC_URL/);
  assert.throws(() => loadConfig({ CHECKPOINT_FLOAT16: "yes" }), /CHECKPOINT_FLOAT16/);
  assert.throws(() => loadConfig({ SESSION_CREATE_LIMIT: "-1" }), /SESSION_CREATE_LIMIT/);
});

test("distributed mode: REDIS_URL with PostgreSQL; SQLite is refused with the reason", () => {
  const c = loadConfig({
    REDIS_URL: "redis://127.0.0.1:6379",
    DATABASE_URL: "postgresql://u:p@h/db",
    EMBEDDED_TRAINER: "1",
    TRAINER_CONCURRENCY: "2",
  });
  assert.equal(c.redisUrl, "redis://127.0.0.1:6379");
  assert.equal(c.embeddedTrainer, true);
  assert.equal(c.trainerConcurrency, 2);
  assert.equal(loadConfig({}).redisUrl, null, "no REDIS_URL: embedded");
  assert.throws(() => loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" }), /SQLite.*PostgreSQL/s);
  assert.throws(() => loadConfig({ REDIS_URL: "http://x", DATABASE_URL: "postgresql://u:p@h/db" }), /REDIS_URL/);
  assert.throws(() => loadConfig({ TRAINER_CONCURRENCY: "0" }), /TRAINER_CONCURRENCY/);
  assert.throws(() => loadConfig({ TRUST_PROXY: "maybe" }), /TRUST_PROXY/);
});

test("budgets: defaults from lib/budget/limits.ts, overridable, validated with the variable's name", () => {
  const c = loadConfig({});
  assert.deepEqual(c.limits, {
    maxModelParams: 8_000_000,
    maxRunMemoryMb: 1536,
    maxRunImages: 3_000_000,
    clientMaxActiveRuns: 8,
  });
  assert.equal(c.clientHashSecret, null);
  assert.equal(c.checkpointCacheBytes, 256 * 1024 * 1024);
  const set = loadConfig({
    MAX_MODEL_PARAMS: "2000000",
    MAX_RUN_MEMORY_MB: "800",
    MAX_RUN_IMAGES: "600000",
    CLIENT_MAX_ACTIVE_RUNS: "40",
    CLIENT_HASH_SECRET: "s".repeat(16),
    CHECKPOINT_CACHE_MB: "0",
  });
  assert.deepEqual(set.limits, {
    maxModelParams: 2_000_000,
    maxRunMemoryMb: 800,
    maxRunImages: 600_000,
    clientMaxActiveRuns: 40,
  });
  assert.equal(set.clientHashSecret, "s".repeat(16));
  assert.equal(set.checkpointCacheBytes, 0);
  assert.throws(() => loadConfig({ MAX_MODEL_PARAMS: "lots" }), /MAX_MODEL_PARAMS/);
  assert.throws(() => loadConfig({ CLIENT_MAX_ACTIVE_RUNS: "0" }), /CLIENT_MAX_ACTIVE_RUNS/);
  assert.throws(() => loadConfig({ MAX_RUN_MEMORY_MB: "-5" }), /MAX_RUN_MEMORY_MB/);
  assert.throws(() => loadConfig({ CLIENT_HASH_SECRET: "short" }), /CLIENT_HASH_SECRET must be at least 16 characters/);
});
