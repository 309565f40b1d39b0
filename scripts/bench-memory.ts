/**
 * npm run bench:memory [-- --runs 4 --epochs 10 --train-size 2048 --hidden 2048,2048,2048,2048 --latent 64 --batch 1024]
 *
 * Does the app server give memory back after runs? Starts the real server (`server/index.ts`, API only, SQLite in
 * a temporary folder) as a child process, trains one warm-up run of the default model, then N runs of the largest
 * model this server's budgets allow (or the one given on the command line), one after another, and prints the
 * server's resident memory (VmRSS of its process, worker threads included) before, at the peak of and after each
 * run. Goal (issue 10): RSS after the big runs within 100 MB of its level before them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LimitsResponseSchema, type LimitsResponse } from "../lib/budget/limits";
import { largestAllowedOverrides } from "../lib/budget/largestModel";
import { estimateRunMemoryBytes, modelParameterCount } from "../lib/budget/runCost";
import { resolveConfig, type TrainOverrides } from "../lib/model/config";

const ROOT = path.resolve(__dirname, "..");
const MB = 1024 * 1024;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb * 1024;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

function cpuModel(): string {
  try {
    return /model name\s*:\s*(.+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string; memoryLine: string }> {
  // `node --import tsx` (not the tsx CLI, which forks): the pid we measure is the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, NO_NEXT: "1", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, NODE_ENV: "production", SESSION_CREATE_LIMIT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (d: Buffer) => process.stderr.write(`[server] ${d.toString()}`));
  let out = "";
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`server exited (code ${code}) before listening:\n${out}`)));
  });
  return { child, base, memoryLine: /^memory: .*$/m.exec(out)?.[0] ?? "memory: (the server did not say)" };
}

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Trains one session of one run to the end; returns the peak RSS seen meanwhile and the run's seconds. */
async function trainOnce(base: string, pid: number, overrides: TrainOverrides): Promise<{ peak: number; seconds: number; status: string }> {
  const created = await json<{ id: string }>(
    await fetch(`${base}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ runs: [{ preset: "vae-seed", overrides }] }),
    }),
  );
  const started = Date.now();
  let peak = 0;
  for (;;) {
    peak = Math.max(peak, rssBytes(pid));
    const view = await json<{ runs: { status: string; error?: string }[] }>(await fetch(`${base}/api/sessions/${created.id}`));
    const status = view.runs[0]!.status;
    if (["done", "failed", "stopped", "interrupted"].includes(status)) {
      if (status === "failed") console.error(`  run failed: ${view.runs[0]!.error}`);
      return { peak, seconds: (Date.now() - started) / 1000, status };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** RSS once the server has been idle for a moment (checkpoint writes and GC settle). */
async function settledRss(pid: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 3000));
  return rssBytes(pid);
}

async function main(): Promise<void> {
  const runs = Number(arg("runs") ?? 4);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-bench-memory-"));
  const { child, base, memoryLine } = await startServer(dataDir);
  const pid = child.pid!;
  try {
    const limits = await json<LimitsResponse>(await fetch(`${base}/api/limits`)).then((b) => LimitsResponseSchema.parse(b));
    const hidden = arg("hidden")?.split(",").map(Number);
    const big: TrainOverrides = hidden
      ? {
          encoderHidden: hidden,
          decoderHidden: hidden,
          latentDim: Number(arg("latent") ?? 64),
          batchSize: Number(arg("batch") ?? 1024),
          epochs: Number(arg("epochs") ?? 10),
          trainSize: Number(arg("train-size") ?? 2048),
          testSize: 1000,
        }
      : largestAllowedOverrides(limits.limits, { epochs: Number(arg("epochs") ?? 10), trainSize: Number(arg("train-size") ?? 2048), testSize: 1000 });
    const resolved = resolveConfig("vae-seed", big);
    console.log(`CPU: ${cpuModel()} (${os.cpus().length} cores), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`limits in force: ${JSON.stringify(limits.limits)}`);
    console.log(`server's ${memoryLine}`);
    console.log(
      `big model: hidden ${big.encoderHidden!.join("x")}, latent ${big.latentDim}, batch ${big.batchSize}, ${big.epochs} epochs x ${big.trainSize} images: ` +
        `${modelParameterCount(resolved).toLocaleString("en-US")} parameters, estimated ${mb(estimateRunMemoryBytes(resolved))}`,
    );
    console.log(`server pid ${pid}; RSS at start ${mb(await settledRss(pid))}`);

    const warm = await trainOnce(base, pid, { epochs: 2, trainSize: 5000, testSize: 1000 });
    const before = await settledRss(pid);
    console.log(`warm-up (vae-seed defaults, 2 epochs x 5,000): ${warm.status} in ${warm.seconds.toFixed(1)} s, peak ${mb(warm.peak)}; RSS before the big runs ${mb(before)}`);
    let after = before;
    for (let i = 1; i <= runs; i++) {
      const r = await trainOnce(base, pid, big);
      after = await settledRss(pid);
      console.log(`run ${i}/${runs}: ${r.status} in ${r.seconds.toFixed(1)} s, peak RSS ${mb(r.peak)}, RSS after ${mb(after)} (${after - before >= 0 ? "+" : ""}${mb(after - before)} vs before)`);
    }
    const growth = after - before;
    console.log(`RESULT: before ${mb(before)}, after ${runs} runs ${mb(after)}: ${growth >= 0 ? "+" : ""}${mb(growth)} (goal: within 100 MB) ${Math.abs(growth) <= 100 * MB ? "OK" : "OVER"}`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
