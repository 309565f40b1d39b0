import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { dataDir } from "../server/helpers";

/**
 * Real processes for the distributed-mode tests: a redis-server of the test's own (so it can be killed and
 * restarted), app servers (`server/index.ts`, API and sockets only) and trainers (`server/trainer/index.ts`), each
 * a separate Node process as in production, all on one PostgreSQL database.
 */

const ROOT = path.resolve(__dirname, "../../..");

export const REDIS_SERVER = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).stdout.trim() || null;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A child process with its output kept (printed when a test fails) and a way to wait for its exit. */
export class Proc {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) this.output.push(`[${name}] ${line}`);
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }
  kill(signal: NodeJS.Signals = "SIGKILL"): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

export async function waitFor(what: string, cond: () => Promise<boolean> | boolean, ms = 30_000, everyMs = 50): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if (await cond()) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function startRedis(port: number): Promise<Proc> {
  if (!REDIS_SERVER) throw new Error("redis-server is not installed");
  const child = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc = new Proc(`redis:${port}`, child);
  await waitFor(`redis on ${port}`, async () => {
    const c = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    c.on("error", () => {}); // not up yet: the connect() below rejects
    try {
      await c.connect();
      return (await c.ping()) === "PONG";
    } finally {
      c.disconnect();
    }
  });
  return proc;
}

export interface ClusterEnv {
  databaseUrl: string;
  redisUrl: string;
}

function nodeProcess(name: string, entry: string, env: Record<string, string>): Proc {
  // One process (tsx as a loader, not its CLI, which would run the server in a child that SIGKILL cannot reach).
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Proc(name, child);
}

/** Resolves when the process answers its health check; rejects with its output if it exits first. */
async function healthy(proc: Proc, url: string): Promise<void> {
  const exited = proc.exited.then((code) => {
    throw new Error(`${proc.name} exited (${code}) before it was healthy:\n${proc.output.join("\n")}`);
  });
  exited.catch(() => {}); // a later exit (the test killing it) is no failure of this wait
  await Promise.race([waitFor(`${proc.name} health`, async () => (await fetch(url)).ok, 60_000, 100), exited]);
}

export async function startAppServer(name: string, cluster: ClusterEnv, port: number, extra: Record<string, string> = {}): Promise<Proc> {
  const proc = nodeProcess(name, "server/index.ts", {
    NO_NEXT: "1",
    PORT: String(port),
    DATABASE_URL: cluster.databaseUrl,
    REDIS_URL: cluster.redisUrl,
    PG_POOL_SIZE: "4",
    ...extra,
  });
  await healthy(proc, `http://127.0.0.1:${port}/api/health`);
  return proc;
}

export async function startTrainer(name: string, cluster: ClusterEnv, port: number, extra: Record<string, string> = {}): Promise<Proc> {
  const proc = nodeProcess(name, "server/trainer/index.ts", {
    TRAINER_PORT: String(port),
    DATABASE_URL: cluster.databaseUrl,
    REDIS_URL: cluster.redisUrl,
    PG_POOL_SIZE: "4",
    // Fast takeover in tests: a dead trainer's lock expires after 3 s.
    TRAINER_LOCK_MS: "3000",
    ...extra,
  });
  await healthy(proc, `http://127.0.0.1:${port}/health`);
  return proc;
}

export interface TrainerHealth {
  ok: boolean;
  id: string;
  activeRuns: number;
  runs: string[];
}

export async function trainerHealth(port: number): Promise<TrainerHealth | null> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/health`);
    return (await r.json()) as TrainerHealth;
  } catch {
    return null;
  }
}
