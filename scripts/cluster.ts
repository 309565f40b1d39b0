/**
 * npm run cluster — the distributed mode on one machine: two app servers, two trainers and a TCP proxy in front
 * (the way in for a browser), on the PostgreSQL and Redis this machine has. Ctrl-C stops everything.
 *
 *   DATABASE_URL   PostgreSQL (default postgresql://playground:playground@127.0.0.1:5432/vae_cluster)
 *   REDIS_URL      default redis://127.0.0.1:6379; when nothing answers there and redis-server is installed,
 *                  one is started for the cluster's lifetime (no persistence)
 *   PORT           the proxy's port (default 3000); app servers listen on PORT+1, PORT+2, trainers' health on PORT+101, +102
 *   APP_SERVERS, TRAINERS   how many of each (default 2, 2)
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { Proc, redisAnswers, REDIS_SERVER, spawnNode, waitFor, waitHealthy } from "../server/cluster/processes";
import { startTcpProxy } from "../server/cluster/proxy";

const ROOT = path.resolve(__dirname, "..");
const env = process.env;
const DATABASE_URL = env.DATABASE_URL ?? "postgresql://playground:playground@127.0.0.1:5432/vae_cluster";
const REDIS_URL = env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PORT = Number(env.PORT ?? 3000);
const APP_SERVERS = Number(env.APP_SERVERS ?? 2);
const TRAINERS = Number(env.TRAINERS ?? 2);

const procs: Proc[] = [];

function start(name: string, entry: string, extra: Record<string, string>): Proc {
  const proc = spawnNode(name, entry, { DATABASE_URL, REDIS_URL, HOST: "127.0.0.1", ...extra }, { echo: true });
  void proc.exited.then((code) => {
    if (!stopping) console.error(`[${name}] exited (${code}); the others carry on`);
  });
  procs.push(proc);
  return proc;
}

async function ensureRedis(): Promise<void> {
  if (await redisAnswers(REDIS_URL)) return;
  const { hostname, port } = new URL(REDIS_URL);
  if (!REDIS_SERVER || !["127.0.0.1", "localhost"].includes(hostname)) {
    throw new Error(
      `nothing answers at REDIS_URL=${REDIS_URL}: start Redis (apt-get install redis-server), or point REDIS_URL at yours`,
    );
  }
  console.log(`cluster: starting redis-server on port ${port || 6379} for the cluster's lifetime`);
  const child = spawn(
    REDIS_SERVER,
    ["--port", port || "6379", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  procs.push(new Proc("redis", child));
  await waitFor("redis-server", () => redisAnswers(REDIS_URL), 10_000, 100);
}

async function ensurePostgres(): Promise<void> {
  const tryConnect = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  };
  try {
    await (await tryConnect(DATABASE_URL)).end();
  } catch (err) {
    const name = new URL(DATABASE_URL).pathname.slice(1);
    if (!/does not exist/.test((err as Error).message) || !/^[A-Za-z0-9_]+$/.test(name)) {
      throw new Error(
        `cannot reach PostgreSQL at DATABASE_URL (${(err as Error).message}): start it, or point DATABASE_URL at yours ` +
          '(the README\'s "Running on several machines" shows how)',
        { cause: err },
      );
    }
    // The server is there but the database is not: create it (the role needs CREATEDB).
    const admin = new URL(DATABASE_URL);
    admin.pathname = "/postgres";
    const client = await tryConnect(admin.toString());
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    console.log(`cluster: created database ${name}`);
  }
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log("\ncluster: stopping (trainers hand their runs back; they resume at the next start)…");
  await Promise.all([...procs].reverse().map((p) => p.kill("SIGTERM")));
  process.exit(0);
}

async function main(): Promise<void> {
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  await ensurePostgres();
  await ensureRedis();
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("cluster: building the pages once (next build)…");
    const built = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const apps = Array.from({ length: APP_SERVERS }, (_, i) => PORT + 1 + i);
  // The first app server applies pending migrations; the others start once it is up.
  const servers = apps.map((port, i) => ({ port, proc: null as Proc | null, name: `app${i + 1}` }));
  for (const [i, s] of servers.entries()) {
    s.proc = start(s.name, "server/index.ts", { PORT: String(s.port) });
    if (i === 0) await waitHealthy(s.proc, `http://127.0.0.1:${s.port}/api/health`);
  }
  for (let i = 0; i < TRAINERS; i++)
    start(`trainer${i + 1}`, "server/trainer/index.ts", { TRAINER_PORT: String(PORT + 101 + i) });
  await Promise.all(servers.map((s) => waitHealthy(s.proc!, `http://127.0.0.1:${s.port}/api/health`)));
  const proxy = await startTcpProxy(
    apps.map((port) => ({ host: "127.0.0.1", port })),
    PORT,
    env.HOST ?? "127.0.0.1",
  );
  console.log(
    `cluster: open http://127.0.0.1:${proxy.port} (proxy over app servers on ${apps.join(", ")}; ` +
      `${TRAINERS} trainer(s), health on ${Array.from({ length: TRAINERS }, (_, i) => PORT + 101 + i).join(", ")}). Ctrl-C stops it.`,
  );
}

main().catch(async (err: unknown) => {
  console.error(`cluster: ${err instanceof Error ? err.message : String(err)}`);
  await stop();
  process.exit(1);
});
