import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { Redis } from "ioredis";
import { projectRoot } from "../runtime/projectRoot";

/**
 * Starting the cluster's processes from Node — `npm run cluster`, `npm run bench:cluster` and the distributed-mode
 * tests all use it: redis-server, app servers (`server/index.ts`) and trainers (`server/trainer/index.ts`), each a
 * separate process with its output kept.
 */

const ROOT = projectRoot();

export const REDIS_SERVER =
  spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).stdout.trim() || null;

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

export async function waitFor(
  what: string,
  cond: () => Promise<boolean> | boolean,
  ms = 30_000,
  everyMs = 50,
): Promise<void> {
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

/** A child process with its last output lines kept, and its exit as a promise. */
export class Proc {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    echo = false,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        this.output.push(`[${name}] ${line}`);
        if (echo) console.log(`[${name}] ${line}`);
      }
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
  kill(signal: NodeJS.Signals = "SIGKILL"): Promise<number | null> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }
  /** Current and peak resident memory from /proc (Linux), in MB. */
  memory(): { rssMb: number; peakMb: number } | null {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
      return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
    } catch {
      return null;
    }
  }
}

/** Resolves when `url` answers 200; rejects with the process's output if it exits first. */
export async function waitHealthy(proc: Proc, url: string, ms = 120_000): Promise<void> {
  const exited = proc.exited.then((code) => {
    throw new Error(`${proc.name} exited (${code}) before it was healthy:\n${proc.output.join("\n")}`);
  });
  exited.catch(() => {}); // a later exit (killed on purpose) is no failure of this wait
  await Promise.race([waitFor(`${proc.name} health`, async () => (await fetch(url)).ok, ms, 100), exited]);
}

export async function redisAnswers(url: string): Promise<boolean> {
  const c = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  c.on("error", () => {}); // nothing there yet: connect() rejects
  try {
    await c.connect();
    const answer: string = await c.ping(); // typed "PONG", but a server may answer otherwise
    return answer === "PONG";
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

/** A redis-server without persistence (killing it loses everything, as a restart of a cache-only Redis does). */
export async function startRedisServer(port: number): Promise<Proc> {
  if (!REDIS_SERVER) throw new Error("redis-server is not installed (apt-get install redis-server)");
  const child = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const proc = new Proc(`redis:${port}`, child);
  await waitFor(`redis on ${port}`, () => redisAnswers(`redis://127.0.0.1:${port}`));
  return proc;
}

/**
 * A Node process running one of the project's entry files. tsx is loaded as a module hook, not through its CLI, so
 * the process is the server itself: a signal (SIGKILL too) reaches it, not a wrapper.
 */
export function spawnNode(
  name: string,
  entry: string,
  env: Record<string, string>,
  opts: { echo?: boolean } = {},
): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Proc(name, child, opts.echo);
}

export async function startAppServer(
  name: string,
  port: number,
  env: Record<string, string>,
  opts: { echo?: boolean } = {},
): Promise<Proc> {
  const proc = spawnNode(name, "server/index.ts", { PORT: String(port), ...env }, opts);
  await waitHealthy(proc, `http://127.0.0.1:${port}/api/health`);
  return proc;
}

export async function startTrainer(
  name: string,
  port: number,
  env: Record<string, string>,
  opts: { echo?: boolean } = {},
): Promise<Proc> {
  const proc = spawnNode(name, "server/trainer/index.ts", { TRAINER_PORT: String(port), ...env }, opts);
  await waitHealthy(proc, `http://127.0.0.1:${port}/health`);
  return proc;
}
