/**
 * npm run bench:wait [-- --rounds 3 --preset vae-seed --no-startup --no-train]
 *
 * The user's wait, measured on real processes (issue 14, goal 3; issue 12, the production build):
 * 1. Start-up: `npm start`'s server from spawn to the first page served (GET / → 200), its process tree's RSS once
 *    the page is out, and whether a TypeScript compiler runs in that tree — the compiled server (`node
 *    scripts/run-compiled.cjs server/index`, what `npm start` runs) against the same sources under tsx (`tsx
 *    server/index.ts`, what `npm start` ran before), interleaved `rounds` times. Needs `npm run build` (.next/).
 * 2. Pressing Train: against a compiled server on full MNIST, from POST /api/sessions to the first `run:progress` on
 *    a viewer's socket (a second client that joins the new session at once) and to the first `run:samples` (the
 *    end of epoch 1), `rounds` times (each run stopped and deleted after).
 * Prints the CPU model, OpenBLAS core type and load average; medians over rounds.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../lib/contracts/socket";
import { arg, cpuModel } from "./bench/cli";
import { freePort } from "../server/cluster/processes";

const ROOT = path.join(__dirname, "..");
const rounds = Number(arg("rounds", "3"));
const preset = arg("preset", "vae-seed");
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

type Mode = "compiled" | "tsx";
const COMMANDS: Record<Mode, string[]> = {
  compiled: [process.execPath, path.join(ROOT, "scripts", "run-compiled.cjs"), "server/index"],
  tsx: [path.join(ROOT, "node_modules", ".bin", "tsx"), "server/index.ts"],
};

interface Server {
  child: ChildProcess;
  port: number;
  firstPageMs: number;
  log: string[];
  stop(): Promise<void>;
}

async function startServer(mode: Mode): Promise<Server> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-bench-wait-"));
  const [cmd, ...args] = COMMANDS[mode];
  const t0 = performance.now();
  const child = spawn(cmd!, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SESSION_CREATE_LIMIT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr.on("data", (d: Buffer) => log.push(d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const stop = async (): Promise<void> => {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${mode} server exited: ${log.join("").slice(-2000)}`);
    if (performance.now() - t0 > 120_000) {
      await stop();
      throw new Error(`${mode} server: no page within 120 s`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      await res.arrayBuffer();
      if (res.status === 200) return { child, port, firstPageMs: performance.now() - t0, log, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every process under pid (pid included): [pid, command line, RSS kB]. */
function processTree(pid: number): { pid: number; cmd: string; rssKb: number }[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone
    }
  }
  const out: { pid: number; cmd: string; rssKb: number }[] = [];
  const visit = (p: number): void => {
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").join(" ").trim();
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1];
      out.push({ pid: p, cmd, rssKb: Number(rss ?? 0) });
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return out;
}

const COMPILER = /tsx|esbuild|typescript/;

async function startupRounds(): Promise<void> {
  const results: Record<Mode, { ms: number[]; rssMb: number[]; compiler: boolean[]; processes: number[] }> = {
    compiled: { ms: [], rssMb: [], compiler: [], processes: [] },
    tsx: { ms: [], rssMb: [], compiler: [], processes: [] },
  };
  console.error(`[bench:wait] start-up, ${rounds} interleaved rounds; load average ${load()}`);
  for (let r = 0; r < rounds; r++) {
    for (const mode of (r % 2 ? ["tsx", "compiled"] : ["compiled", "tsx"]) as Mode[]) {
      const server = await startServer(mode);
      await new Promise((res) => setTimeout(res, 1000)); // what stays resident once the page is out
      const tree = processTree(server.child.pid!);
      const res = results[mode];
      res.ms.push(server.firstPageMs);
      res.rssMb.push(tree.reduce((a, p) => a + p.rssKb, 0) / 1024);
      res.compiler.push(tree.some((p) => COMPILER.test(p.cmd.replace(ROOT, ""))));
      res.processes.push(tree.length);
      console.error(
        `[bench:wait] ${mode}: first page ${server.firstPageMs.toFixed(0)} ms, RSS ${res.rssMb.at(-1)!.toFixed(0)} MB in ${tree.length} process(es): ${tree.map((p) => p.cmd.replace(ROOT + "/", "").slice(0, 90)).join(" | ")}`,
      );
      await server.stop();
    }
  }
  console.log(
    `\nStart-up (npm start on a built tree; medians of ${rounds} interleaved rounds; load average now ${load()})\n`,
  );
  console.log("| server | first page served | RSS of the process tree | processes | TypeScript compiler in the tree |");
  console.log("|---|---|---|---|---|");
  for (const mode of ["tsx", "compiled"] as Mode[]) {
    const r = results[mode];
    console.log(
      `| ${mode === "tsx" ? "tsx server/index.ts (before)" : "node dist/server/index.js (now)"} | ${(median(r.ms) / 1000).toFixed(2)} s | ${median(r.rssMb).toFixed(0)} MB | ${median(r.processes)} | ${r.compiler.some(Boolean) ? "yes" : "no"} |`,
    );
  }
}

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

async function trainRounds(): Promise<void> {
  console.error(`[bench:wait] pressing Train (${preset}, full MNIST), ${rounds} rounds; load average ${load()}`);
  const server = await startServer("compiled");
  const base = `http://127.0.0.1:${server.port}`;
  const viewer: Client = connect(base, { transports: ["websocket"] });
  await new Promise<void>((r) => viewer.once("connect", () => r()));
  const progressMs: number[] = [];
  const samplesMs: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      let firstProgress = NaN;
      let firstSamples = NaN;
      let done!: () => void;
      const seen = new Promise<void>((res) => (done = res));
      const t0 = performance.now();
      const note = (): void => {
        if (Number.isFinite(firstProgress) && Number.isFinite(firstSamples)) done();
      };
      const onProgress = (): void => {
        if (!Number.isFinite(firstProgress)) firstProgress = performance.now() - t0;
        note();
      };
      const onSamples = (): void => {
        if (!Number.isFinite(firstSamples)) firstSamples = performance.now() - t0;
        note();
      };
      viewer.on("run:progress", onProgress);
      viewer.on("run:samples", onSamples);
      const res = await fetch(`${base}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: `bench:wait ${r + 1}`, runs: [{ preset }] }),
      });
      const created = (await res.json()) as { id: string; ownerToken: string };
      if (res.status !== 201) throw new Error(`POST /api/sessions: ${res.status} ${JSON.stringify(created)}`);
      await new Promise<void>((resolve, reject) =>
        viewer.emit("session:join", { sessionId: created.id, protocol: 1 }, (ack) => {
          if ("error" in ack) {
            reject(new Error(ack.error.message));
            return;
          }
          // Progress or grids already in the snapshot count as seen now (they happened before the join).
          const runs = Object.values(ack.data.runs);
          if (runs.some((run) => run.progress)) onProgress();
          if (ack.data.grids.length > 0) onSamples();
          resolve();
        }),
      );
      await Promise.race([
        seen,
        new Promise((_, reject) => setTimeout(() => reject(new Error("no samples within 60 s")), 60_000)),
      ]);
      viewer.off("run:progress", onProgress);
      viewer.off("run:samples", onSamples);
      progressMs.push(firstProgress);
      samplesMs.push(firstSamples);
      console.error(
        `[bench:wait] round ${r + 1}: first progress ${firstProgress.toFixed(0)} ms, first sample grid ${firstSamples.toFixed(0)} ms`,
      );
      await fetch(`${base}/api/sessions/${created.id}/control`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: `owner_${created.id}=${encodeURIComponent(created.ownerToken)}`,
        },
        body: JSON.stringify({ action: "delete" }),
      });
      viewer.emit("session:leave", { sessionId: created.id }, () => {});
      await new Promise((res2) => setTimeout(res2, 1500)); // the stopped run frees its slot and memory
    }
  } finally {
    viewer.close();
    await server.stop();
  }
  console.log(
    `\nPressing Train (${preset}, full MNIST, compiled server; medians of ${rounds} rounds; load average now ${load()})\n`,
  );
  console.log("| from POST /api/sessions to | median | rounds | goal |");
  console.log("|---|---|---|---|");
  console.log(
    `| first run:progress on a viewer's socket | ${median(progressMs).toFixed(0)} ms | ${progressMs.map((m) => m.toFixed(0)).join(", ")} | < 1000 ms |`,
  );
  console.log(
    `| first run:samples (end of epoch 1) | ${median(samplesMs).toFixed(0)} ms | ${samplesMs.map((m) => m.toFixed(0)).join(", ")} | < 3000 ms |`,
  );
}

async function main(): Promise<void> {
  console.log(
    `CPU: ${cpuModel()}; OPENBLAS_CORETYPE=${process.env.OPENBLAS_CORETYPE ?? "(unset)"}; TRAIN_WORKERS=${process.env.TRAIN_WORKERS ?? "(auto)"}; load average ${load()}`,
  );
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no Next build: run npm run build first");
  if (!flag("no-startup")) await startupRounds();
  if (!flag("no-train")) await trainRounds();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
