/**
 * npm run bench:fanout [-- --clients 200 --seconds 30 --db file:/tmp/x.db --writer thread|inline]
 *
 * Fan-out benchmark: N socket.io clients watch one session while a real run trains.
 * - The app server runs in THIS process (real worker thread, SQLite in a temp folder), so its event-loop
 *   delay is measured with perf_hooks.monitorEventLoopDelay.
 * - The clients run in a forked child process (their decoding must not load the server's loop); the same
 *   machine's clock lets each client compute latency = receipt time - `sentAt` of every run:progress delta.
 * Goals: progress latency p99 < 100 ms, server event-loop delay p99 < 20 ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../lib/contracts/socket";
import { forkClients, percentile } from "./bench/fanoutClients";
import { arg, cpuModel, printTable } from "./bench/cli";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

// ---------------------------------------------------------------- server process

/** Slowest repository calls (call to settle). With SQLite they run synchronously on the main thread. */
const repoTimes = new Map<string, number[]>();
function timed<R extends object>(repos: R): R {
  const wrap = (group: string, target: Record<string, unknown>) =>
    new Proxy(target, {
      get(t, key) {
        const v = t[key as string];
        if (typeof v !== "function") return v;
        return (...args: unknown[]) => {
          const t0 = performance.now();
          const out = (v as (...a: unknown[]) => unknown).apply(t, args);
          if (out instanceof Promise) {
            void out.then(
              () => {
                const name = `${group}.${String(key)}`;
                repoTimes.set(name, [...(repoTimes.get(name) ?? []), performance.now() - t0]);
              },
              () => undefined,
            );
          }
          return out;
        };
      },
    });
  return new Proxy(repos, {
    get(t, key) {
      const v = (t as Record<string, unknown>)[key as string];
      return v && typeof v === "object" ? wrap(String(key), v as Record<string, unknown>) : v;
    },
  });
}

async function main(): Promise<void> {
  const clients = Number(arg("clients", "200"));
  const seconds = Number(arg("seconds", "30"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-bench-fanout-"));
  const databaseUrl = arg("db", `file:${path.join(dir, "bench.db")}`);

  const { createRepositories } = await import("../server/db/client");
  const { createApp } = await import("../server/app");
  const { startTrainingJob } = await import("../server/training/trainingWorker");
  const { inProcessBlobWriter, threadBlobWriter } = await import("../server/sessions/blobWriter");
  const writer = arg("writer", "thread"); // "thread" (what server/index.ts uses) or "inline"
  const repos = timed(await createRepositories(databaseUrl));
  const app = createApp({
    repos,
    startJob: startTrainingJob,
    config: {
      maxConcurrentRuns: 1,
      dataDir: process.env.DATA_DIR ?? path.join(os.tmpdir(), "vae-bench-data"),
      publicUrl: null,
    },
    next: null,
    log: (m, e) => console.error(m, e ?? ""),
    blobWriter: writer === "thread" ? threadBlobWriter(databaseUrl, inProcessBlobWriter(repos)) : undefined,
  });
  const port = await app.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;

  // Big enough to keep training for the whole window (stopped at the end), small enough to start fast.
  const create = await fetch(`${base}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      title: "bench:fanout",
      runs: [{ preset: "vae-seed", overrides: { trainSize: 6000, testSize: 500, batchSize: 128, epochs: 200 } }],
      autostart: false,
    }),
  });
  const session = (await create.json()) as { id: string; ownerToken: string };
  const owner = (action: string) =>
    fetch(`${base}/api/sessions/${session.id}/control`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${session.ownerToken}` },
      body: JSON.stringify({ action }),
    });

  // Start training first and wait for its first progress, so every window measures steady training.
  const observer: Client = connect(base, { transports: ["websocket"], forceNew: true, reconnection: false });
  const firstProgress = new Promise<void>((resolve) => observer.once("run:progress", () => resolve()));
  await new Promise<void>((resolve) =>
    observer.emit("session:join", { sessionId: session.id, protocol: 1 }, () => resolve()),
  );
  await owner("start");
  const startedAt = performance.now();
  await Promise.race([firstProgress, new Promise((r) => setTimeout(r, 180_000))]);
  const firstProgressS = (performance.now() - startedAt) / 1000;
  observer.disconnect();

  // Baseline: the same process while training, with no clients (what the shared machine alone costs).
  const baseline = monitorEventLoopDelay({ resolution: 1 });
  baseline.enable();
  await new Promise((r) => setTimeout(r, 5000));
  baseline.disable();

  console.error(`bench: server on ${base}, forking ${clients} clients…`);
  const viewers = forkClients({ bases: [base], sessions: [session.id], clients });
  const joinLoop = monitorEventLoopDelay({ resolution: 1 });
  joinLoop.enable();
  const joinStart = performance.now();
  await viewers.joined;
  const joinAllMs = performance.now() - joinStart;
  joinLoop.disable();
  await new Promise((r) => setTimeout(r, 1000));

  // 1 ms sampling: the reported delays include that interval (an idle loop shows ~1 ms).
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  loop.enable();
  viewers.measure();
  console.error(`bench: measuring for ${seconds} s…`);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  loop.disable();
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const report = await viewers.report();

  const runAtEnd = (await repos.runs.listBySession(session.id))[0]!;
  await owner("stop");
  const epochs = await repos.metrics.listEpochs(runAtEnd.id);
  await app.close();
  await repos.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const lat = [...report.latencies].sort((a, b) => a - b);
  const joins = [...report.joinMs].sort((a, b) => a - b);
  const perClient = report.progressPerClient;
  const ms = (ns: number) => ns / 1e6;
  const rows: [string, string, string][] = [
    ["clients joined", `${report.joinMs.length} / ${clients}`, ""],
    ["join: all clients (connect + snapshot)", `${joinAllMs.toFixed(0)} ms`, ""],
    ["join ack p50 / p99", `${percentile(joins, 50).toFixed(1)} / ${percentile(joins, 99).toFixed(1)} ms`, ""],
    ["start to first progress (worker start-up)", `${firstProgressS.toFixed(1)} s`, ""],
    [
      "run status at the end of the window",
      `${runAtEnd.status}${runAtEnd.error ? ` (${runAtEnd.error})` : ""}`,
      "training",
    ],
    ["measured window", `${wallS.toFixed(1)} s`, ""],
    [
      "progress deltas per client",
      `${Math.min(...perClient)}–${Math.max(...perClient)} (${(perClient.reduce((a, b) => a + b, 0) / perClient.length / wallS).toFixed(1)}/s)`,
      "≤ 10/s",
    ],
    ["progress deliveries measured", String(lat.length), ""],
    ["progress latency p50", `${percentile(lat, 50).toFixed(1)} ms`, ""],
    ["progress latency p99", `${percentile(lat, 99).toFixed(1)} ms`, "< 100 ms"],
    ["progress latency max", `${(lat.at(-1) ?? NaN).toFixed(1)} ms`, ""],
    ["epoch/checkpoint/status deltas received", String(report.otherDeltas), ""],
    ["sample grid bytes received (all clients)", `${(report.samplesBytes / 1e6).toFixed(1)} MB`, ""],
    ["seq gaps seen by clients", String(report.gaps), "0"],
    ["deltas before the join ack / older than the snapshot", `${report.beforeAck} / ${report.stale}`, "0 / any"],
    ["duplicates after the snapshot", String(report.duplicates), "0"],
    ["client disconnects", String(report.disconnects), "0"],
    [
      "event-loop delay during the join storm p99 / max",
      `${ms(joinLoop.percentile(99)).toFixed(1)} / ${ms(joinLoop.max).toFixed(1)} ms`,
      "",
    ],
    [
      "baseline event-loop delay (training, no clients) p99 / max",
      `${ms(baseline.percentile(99)).toFixed(1)} / ${ms(baseline.max).toFixed(1)} ms`,
      "",
    ],
    ["event-loop delay p50", `${ms(loop.percentile(50)).toFixed(1)} ms`, ""],
    ["event-loop delay p99", `${ms(loop.percentile(99)).toFixed(1)} ms`, "< 20 ms"],
    ["event-loop delay max", `${ms(loop.max).toFixed(1)} ms`, ""],
    // maxRSS covers the whole process: app server, socket fan-out and the training worker thread.
    [
      "server peak RSS (incl. training worker)",
      `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      "< 1024 MB",
    ],
    ["server main-thread CPU", `${(((cpu.user + cpu.system) / 1e6 / wallS) * 100).toFixed(0)} % of a core`, ""],
    ["epochs completed during the run", String(epochs.length), ""],
    ["machine load average (1 min)", os.loadavg()[0]!.toFixed(1), `${os.cpus().length} cores`],
  ];
  for (const [name, times] of [...repoTimes].sort((a, b) => Math.max(...b[1]) - Math.max(...a[1])).slice(0, 4)) {
    const sorted = [...times].sort((a, b) => a - b);
    rows.push([
      `db ${name} (n=${times.length}) p50 / max`,
      `${percentile(sorted, 50).toFixed(0)} / ${sorted.at(-1)!.toFixed(0)} ms`,
      "",
    ]);
  }
  printTable(
    `bench:fanout — ${clients} socket.io clients on one training session (blob writer: ${writer}; ${cpuModel()})`,
    rows,
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error("bench:fanout failed:", err);
  process.exit(1);
});
