import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createTempPgDatabase, PG_SKIP_MESSAGE, TEST_PG_URL } from "../db/pgTestDatabase";
import { freePort, REDIS_SERVER, startAppServer, startRedis, type ClusterEnv, type Proc } from "./harness";

/**
 * Per-visitor budgets and fair queueing in the distributed mode: two app servers (no trainer, so every run stays
 * waiting in the shared queue) on one PostgreSQL database and Redis. The per-client limit is counted in the
 * database, so a visitor cannot get around it by asking the other app server; the queue's order is fair across
 * visitors whichever server they asked.
 */
const skip = !TEST_PG_URL
  ? PG_SKIP_MESSAGE
  : !REDIS_SERVER
    ? "redis-server is not installed: distributed-mode tests skipped"
    : undefined;

const run = {
  preset: "vae-seed",
  overrides: { trainSize: 200, testSize: 100, batchSize: 50, epochs: 2, encoderHidden: [16], decoderHidden: [16] },
};

describe("distributed mode: budgets and fair order across app servers", { skip, timeout: 180_000 }, () => {
  let drop: (() => Promise<void>) | null = null;
  const procs: Proc[] = [];
  const ports = { A: 0, B: 0 };
  const base = (s: "A" | "B") => `http://127.0.0.1:${ports[s]}`;

  before(async () => {
    const db = await createTempPgDatabase(TEST_PG_URL!);
    drop = db.drop;
    const redisPort = await freePort();
    procs.push(await startRedis(redisPort));
    const cluster: ClusterEnv = { databaseUrl: db.url, redisUrl: `redis://127.0.0.1:${redisPort}` };
    ports.A = await freePort();
    ports.B = await freePort();
    const env = { TRUST_PROXY: "1", SESSION_CREATE_LIMIT: "0", CLIENT_MAX_ACTIVE_RUNS: "6" };
    procs.push(await startAppServer("A", cluster, ports.A, env)); // migrates first
    procs.push(await startAppServer("B", cluster, ports.B, env));
  });

  after(async () => {
    await Promise.all(procs.map((p) => p.kill("SIGKILL")));
    await drop?.();
  });

  const create = (server: "A" | "B", client: string, runs: number) =>
    fetch(`${base(server)}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": client },
      body: JSON.stringify({ runs: Array.from({ length: runs }, () => run) }),
    });

  test("a visitor's runs count on every app server: the limit holds across them; another visitor's first run goes ahead of the first one's later runs", async () => {
    const first = await create("A", "10.1.0.1", 4);
    assert.equal(first.status, 201, await first.clone().text());
    const other = await create("B", "10.1.0.1", 4);
    assert.equal(other.status, 429, "counted from the database, not per server");
    assert.match(
      await other.text(),
      /you already have 4 runs waiting or training; this server allows 6 per visitor \(CLIENT_MAX_ACTIVE_RUNS\), so 2 more now/,
    );
    assert.equal((await create("B", "10.1.0.1", 2)).status, 201, "what is left of the budget, on the other server");
    assert.equal((await create("A", "10.1.0.1", 1)).status, 429);

    const second = await create("B", "10.2.0.2", 1);
    assert.equal(second.status, 201);
    const { id } = (await second.json()) as { id: string };
    const view = (await (await fetch(`${base("A")}/api/sessions/${id}`)).json()) as {
      runs: { queuePosition?: number }[];
    };
    assert.equal(
      view.runs[0]!.queuePosition,
      2,
      "behind the first visitor's first run only, ahead of its five later ones",
    );
  });
});
