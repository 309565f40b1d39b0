/**
 * npm run bench:cluster [-- --viewers 2000 --seconds 20 --train-size 60000 --no-baseline]
 *
 * The distributed mode under a crowd, on this machine's loopback: two app servers and two trainers (separate
 * processes, as in production), a redis-server of the benchmark's own, PostgreSQL (TEST_DATABASE_URL_PG or
 * DATABASE_URL: a role allowed to create the temporary database). Two runs train, one per trainer; the viewers are
 * spread over both app servers and both sessions. Measured: progress latency from the trainer's stamp to the
 * viewer (p50/p99; goal p99 < 250 ms), deliveries (0 gaps, 0 duplicates), RSS of every process. Then, unless
 * --no-baseline, bench:fanout's single process at 200 viewers on the same machine, for the side-by-side.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { io as connect } from "socket.io-client";
import { startBenchCluster } from "./bench/benchCluster";
import { forkClients, mergeReports, percentile } from "./bench/fanoutClients";
import { arg, cpuModel, printTable } from "./bench/cli";

const viewers = Number(arg("viewers", "2000"));
const seconds = Number(arg("seconds", "20"));
/** 60000 = full MNIST; bench:fanout's 6000 makes an epoch (grid, checkpoint, metrics) every ~0.3 s: a stress test. */
const trainSize = Number(arg("train-size", "60000"));

interface Session {
  id: string;
  ownerToken: string;
}

async function main(): Promise<void> {
  const cpu = cpuModel();
  console.error(`bench:cluster on ${cpu}: starting redis-server, 2 app servers, 2 trainers…`);
  const cluster = await startBenchCluster({ apps: 2, trainers: 2, env: { SESSION_CREATE_LIMIT: "0" } });
  try {
    const { bases } = cluster;

    // Two runs, by default on full MNIST (its real delta rate: a grid and a checkpoint every epoch of ~2–3 s), one per trainer,
    // long enough to train through the whole window (stopped at the end).
    const sessions: Session[] = [];
    for (const base of bases) {
      const r = await fetch(`${base}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          title: "bench:cluster",
          runs: [
            {
              preset: "vae-seed",
              overrides: {
                trainSize,
                testSize: trainSize < 60000 ? 500 : 10000,
                batchSize: 128,
                epochs: Math.floor(3_000_000 / trainSize),
              },
            },
          ],
        }),
      });
      if (r.status !== 201) throw new Error(`create: ${r.status} ${await r.text()}`);
      sessions.push((await r.json()) as Session);
    }
    const started = performance.now();
    await Promise.all(
      sessions.map(
        (s, i) =>
          new Promise<void>((resolve) => {
            const observer = connect(bases[i], { transports: ["websocket"], forceNew: true, reconnection: false });
            observer.once("run:progress", () => {
              observer.disconnect();
              resolve();
            });
            observer.emit("session:join", { sessionId: s.id, protocol: 1 }, () => {});
          }),
      ),
    );
    const firstProgressS = (performance.now() - started) / 1000;

    // One client process per app server; each spreads its viewers over both sessions.
    console.error(`bench: both runs training after ${firstProgressS.toFixed(1)} s; ${viewers} viewers joining…`);
    const perProcess = Math.ceil(viewers / bases.length);
    const groups = bases.map((base) =>
      forkClients({ bases: [base], sessions: sessions.map((s) => s.id), clients: perProcess }),
    );
    const joinStart = performance.now();
    await Promise.all(groups.map((g) => g.joined));
    const joinAllMs = performance.now() - joinStart;
    await new Promise((r) => setTimeout(r, 1000));
    for (const g of groups) g.measure();
    console.error(`bench: measuring for ${seconds} s…`);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const wallS = (performance.now() - t0) / 1000;
    const procs = [...cluster.procs(), ...cluster.trainers];
    const memory = procs.map((p) => ({ name: p.name, mem: p.memory() }));
    const report = mergeReports(await Promise.all(groups.map((g) => g.report())));

    for (const [i, s] of sessions.entries()) {
      await fetch(`${bases[i]}/api/sessions/${s.id}/control`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${s.ownerToken}` },
        body: JSON.stringify({ action: "stop" }),
      });
    }
    await new Promise((r) => setTimeout(r, 1500));
    const after = procs.map((p) => ({ name: p.name, mem: p.memory() }));

    const lat = [...report.latencies].sort((a, b) => a - b);
    const joins = [...report.joinMs].sort((a, b) => a - b);
    const perClient = report.progressPerClient;
    const rows: [string, string, string][] = [
      ["viewers joined", `${report.joinMs.length} / ${perProcess * bases.length} (2 app servers, 2 sessions)`, ""],
      ["runs training", `2 × vae-seed, ${trainSize} images an epoch, batch 128`, ""],
      ["join: all viewers (connect + snapshot)", `${joinAllMs.toFixed(0)} ms`, ""],
      ["join ack p50 / p99", `${percentile(joins, 50).toFixed(1)} / ${percentile(joins, 99).toFixed(1)} ms`, ""],
      ["create to first progress (both runs)", `${firstProgressS.toFixed(1)} s`, ""],
      ["measured window", `${wallS.toFixed(1)} s`, ""],
      [
        "progress deltas per viewer",
        `${Math.min(...perClient)}–${Math.max(...perClient)} (${(perClient.reduce((a, b) => a + b, 0) / perClient.length / wallS).toFixed(1)}/s)`,
        "≤ 10/s",
      ],
      ["progress deliveries measured", String(lat.length), ""],
      ["progress latency trainer → viewer p50", `${percentile(lat, 50).toFixed(1)} ms`, ""],
      ["progress latency trainer → viewer p99", `${percentile(lat, 99).toFixed(1)} ms`, "< 250 ms"],
      ["progress latency max", `${(lat.at(-1) ?? NaN).toFixed(1)} ms`, ""],
      ["epoch/checkpoint/status deltas received", String(report.otherDeltas), ""],
      ["sample grid bytes received (all viewers)", `${(report.samplesBytes / 1e6).toFixed(1)} MB`, ""],
      ["seq gaps / duplicates seen by viewers", `${report.gaps} / ${report.duplicates}`, "0 / 0"],
      ["deltas older than the viewer's snapshot (dropped by seq)", String(report.stale), "any"],
      ["deltas before the join ack", String(report.beforeAck), "0"],
      ["viewer disconnects", String(report.disconnects), "0"],
    ];
    for (const [i, m] of memory.entries()) {
      const a = after[i]!.mem;
      if (!m.mem) continue;
      rows.push([
        `${m.name}: RSS now / peak (after the runs stopped)`,
        `${m.mem.rssMb.toFixed(0)} / ${m.mem.peakMb.toFixed(0)} MB (${a ? a.rssMb.toFixed(0) : "?"} MB)`,
        m.name.startsWith("redis") ? "" : "< 1024 MB",
      ]);
    }
    rows.push(["machine load average (1 min)", os.loadavg()[0]!.toFixed(1), `${os.cpus().length} cores`]);
    printTable(`bench:cluster — ${viewers} viewers over 2 app servers, 2 runs on 2 trainers (${cpu})`, rows);
  } finally {
    await cluster.close();
  }

  if (!process.argv.includes("--no-baseline")) {
    console.error("\nbench: the single-process baseline (bench:fanout, 200 viewers)…");
    const fanout = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/bench-fanout.ts", "--clients", "200", "--seconds", String(seconds)],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const pick = (label: string) =>
      fanout.stdout
        .split("\n")
        .find((l) => l.startsWith(label))
        ?.split("|")[1]
        ?.trim() ?? "?";
    printTable("baseline: bench:fanout, embedded single process, same machine", [
      ["viewers", "200 (one session)", ""],
      ["progress latency p50", pick("progress latency p50"), ""],
      ["progress latency p99", pick("progress latency p99"), "< 100 ms"],
      ["seq gaps", pick("seq gaps seen by clients"), "0"],
      ["server peak RSS (incl. training worker)", pick("server peak RSS"), "< 1024 MB"],
    ]);
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error("bench:cluster failed:", err);
  process.exit(1);
});
