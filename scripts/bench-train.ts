/**
 * npm run bench:train [-- --presets vae-seed,cvae-label --rounds 3 --steps 20 --windows 5 --no-elbo --no-torch
 *                       --no-other --no-wasm-only --torch-threads 1/1,1/2,2/2 --whole-process --whole-epochs 1,10]
 *
 * Training throughput of the project's real path (startTrainingJob: the worker thread, its data pipeline,
 * batch 128) against the PyTorch reference (scripts/bench-train.torch.py, Debian's python3-torch) at each of
 * --torch-threads (its best is the yardstick), side by side in one invocation: for each preset, `rounds` times the
 * project at its default thread count and at the other one (img/s: median of `windows` windows of ~`steps` steps
 * after warm-up, timed by progress reports every 10 ms; the 2 / 1 scaling is taken per round), then PyTorch (its
 * own median of 10 windows of 20 steps).
 * Also: img/s of tfjs-wasm alone (NATIVE_KERNELS=0) when the native kernels are in use, this process's event-loop
 * delay while a run trains (perf_hooks.monitorEventLoopDelay; the app server hosts runs the same way), the wall
 * time to reach test negative ELBO ≤ 110 on vae-seed, and with --whole-process `npm run train` against PyTorch's
 * whole process for 1 and 10 epochs. Prints the CPU model, OpenBLAS's core type and build, and the thread counts.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { PRESET_IDS, resolveConfig, type PresetId } from "../lib/model/config";
import { mnistSourceDir } from "../server/data/paths";
import { loadNativeKernels } from "../server/training/native/addon";
import { resolveTrainThreads } from "../server/training/parallel/stepper";
import { startTrainingJob } from "../server/training/trainingWorker";

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
function arg(name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
}
const presets = arg("presets", PRESET_IDS.join(",")).split(",") as PresetId[];
const rounds = Number(arg("rounds", "3"));
const steps = Number(arg("steps", "20"));
const windows = Number(arg("windows", "5"));
// 60 steps = the PyTorch reference's own warm-up (3 windows of 20 steps), so both are measured after the same start.
const warmup = Number(arg("warmup", "60"));
const elboTarget = Number(arg("elbo", "110"));
/**
 * PyTorch's configurations: `T/B` = T intra-op threads (torch.set_num_threads, OMP_NUM_THREADS) and B BLAS threads.
 * Debian's torch does its GEMMs in OpenBLAS's pthread build, whose own thread pool follows OPENBLAS_NUM_THREADS and
 * not set_num_threads: "1 thread" without it runs every GEMM on all cores. `T` alone means T/T.
 */
interface TorchConfig {
  label: string;
  intra: number;
  blas: number;
}
const torchConfigs: TorchConfig[] = arg("torch-threads", "1/1,1/2,2/2")
  .split(",")
  .map((c) => {
    const [intra, blas] = c.split("/").map(Number) as [number, number?];
    const b = blas ?? intra;
    if (!Number.isInteger(intra) || !Number.isInteger(b) || intra < 1 || b < 1)
      throw new Error(`--torch-threads: "${c}" is not T or T/B (intra-op / BLAS threads)`);
    return { label: `${intra}/${b}`, intra, blas: b };
  });
const torchEnv = (c: TorchConfig): NodeJS.ProcessEnv => ({
  ...process.env,
  OMP_NUM_THREADS: String(c.intra),
  OPENBLAS_NUM_THREADS: String(c.blas),
});
const PYTHON = "/usr/bin/python3";
const TORCH_SCRIPT = path.join(__dirname, "bench-train.torch.py");
const BATCH = 128;
/** The gradient threads a real-sized run uses by default here, and the other choice the table shows next to it. */
const defaultThreads = resolveTrainThreads(undefined, { batchSize: BATCH, paramCount: 1e6 });
const otherThreads = defaultThreads === 1 ? 2 : 1;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const log = (msg: string): void => console.error(`[bench:train] ${msg}`);

interface ProjectRun {
  imgPerSec: number;
  windows: number[];
  backend: string;
  loopP99Ms: number;
  loopMaxMs: number;
}

/**
 * Trains `preset` through the real job API and times progress events (one per step) in this thread.
 * `wasmOnly` turns the native kernels off for this run (NATIVE_KERNELS=0 in the env the worker threads inherit).
 */
async function measureProject(preset: PresetId, gradientWorkers?: number, wasmOnly = false): Promise<ProjectRun> {
  const saved = process.env.NATIVE_KERNELS;
  if (wasmOnly) process.env.NATIVE_KERNELS = "0";
  try {
    return await measureProjectRun(preset, gradientWorkers);
  } finally {
    if (saved === undefined) delete process.env.NATIVE_KERNELS;
    else process.env.NATIVE_KERNELS = saved;
  }
}

async function measureProjectRun(preset: PresetId, gradientWorkers?: number): Promise<ProjectRun> {
  const config = resolveConfig(preset, { epochs: 2, batchSize: BATCH });
  const needed = warmup + steps * windows;
  const arrivals = new Map<number, number>();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let backend = "?";
  let finish!: () => void;
  const enough = new Promise<void>((r) => (finish = r));
  const job = startTrainingJob(config, {
    // Runs report every 100 ms; every 10 ms here times windows to ±6 steps at ~1.6 ms a step without waking this
    // thread (the bench's, on one of the two cores the gradient threads use) ~600 times a second.
    progressIntervalMs: 10,
    gradientWorkers,
    onEvent: (e) => {
      if (e.type === "ready") backend = e.backend;
      if (e.type !== "progress" || e.epoch !== 1) return;
      arrivals.set(e.step, performance.now());
      if (e.step >= warmup) loop.enable(); // a no-op once enabled
      if (e.step >= needed) finish();
    },
  });
  await Promise.race([enough, job.done]);
  loop.disable();
  await job.terminate();
  // Window w runs from the first report at or after step warmup + w·steps to the first at or after the next bound.
  const reported = [...arrivals.keys()].sort((x, y) => x - y);
  const at = (bound: number): number | undefined => reported.find((s) => s >= bound);
  const rates: number[] = [];
  for (let w = 0; w < windows; w++) {
    const a = at(warmup + w * steps);
    const b = at(warmup + (w + 1) * steps);
    if (a === undefined || b === undefined || b <= a)
      throw new Error(`${preset}: missing progress events (run ended early?)`);
    rates.push(((b - a) * BATCH) / ((arrivals.get(b)! - arrivals.get(a)!) / 1000));
  }
  return {
    imgPerSec: median(rates),
    windows: rates,
    backend,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
  };
}

const torchAvailable = !flag("no-torch") && spawnSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" }).status === 0;

function runTorch(
  args: string[],
  config: TorchConfig,
  onLine: (json: Record<string, number>, kill: () => void) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      PYTHON,
      [TORCH_SCRIPT, "--data", mnistSourceDir(), ...args, "--threads", String(config.intra)],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: torchEnv(config),
      },
    );
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line.startsWith("{")) onLine(JSON.parse(line) as Record<string, number>, () => child.kill());
      }
    });
    child.on("error", reject);
    child.on("exit", () => resolve());
  });
}

async function measureTorch(preset: PresetId, config: TorchConfig): Promise<number> {
  let rate = NaN;
  await runTorch(
    ["--model", preset, "--throughput", "--batch", String(BATCH)],
    config,
    (j) => (rate = j.img_per_s_median ?? NaN),
  );
  return rate;
}

/** Wall seconds of a whole process, from spawn to exit (what a user waits for). */
function wallSeconds(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"], env, cwd: path.join(__dirname, "..") });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve((performance.now() - t0) / 1000)
        : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${err.slice(-1000)}`)),
    );
  });
}

/**
 * `npm run train -- --preset vae-seed --epochs E` as a user types it (npm, compiled CLI, worker thread, data, every
 * epoch's test evaluation, grids, latent scatter and export) against PyTorch's whole process (torch_reference.py
 * --epochs E: data, training, its per-epoch test evaluation), interleaved, `rounds` times.
 */
async function wholeProcess(epochs: number, torchBest: TorchConfig): Promise<{ project: number[]; torch: number[] }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vae-bench-whole-"));
  const project: number[] = [];
  const torch: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      const p = await wallSeconds("npm", [
        "run",
        "-s",
        "train",
        "--",
        "--preset",
        "vae-seed",
        "--epochs",
        String(epochs),
        "--out",
        path.join(out, `run-${r}`),
      ]);
      project.push(p);
      const t = torchAvailable
        ? await wallSeconds(
            PYTHON,
            [
              TORCH_SCRIPT,
              "--data",
              mnistSourceDir(),
              "--model",
              "vae-seed",
              "--epochs",
              String(epochs),
              "--threads",
              String(torchBest.intra),
            ],
            torchEnv(torchBest),
          )
        : NaN;
      torch.push(t);
      log(
        `whole process, ${epochs} epoch(s), round ${r + 1}: npm run train ${p.toFixed(2)} s, PyTorch ${t.toFixed(2)} s`,
      );
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return { project, torch };
}

/** Wall seconds from job start until the first epoch with test −ELBO ≤ target (null if not within maxEpochs). */
async function projectTimeToElbo(
  maxEpochs: number,
): Promise<{ seconds: number | null; epochs: { epoch: number; testNegElbo: number; t: number }[] }> {
  const t0 = performance.now();
  const epochs: { epoch: number; testNegElbo: number; t: number }[] = [];
  let hit: number | null = null;
  const job = startTrainingJob(resolveConfig("vae-seed", { epochs: maxEpochs }), {
    onEvent: (e) => {
      if (e.type !== "epoch") return;
      const t = (performance.now() - t0) / 1000;
      epochs.push({ epoch: e.epoch, testNegElbo: e.testNegElbo, t });
      log(`project vae-seed epoch ${e.epoch}: test -ELBO ${e.testNegElbo.toFixed(2)} at ${t.toFixed(1)} s`);
      if (hit === null && e.testNegElbo <= elboTarget) {
        hit = t;
        void job.terminate();
      }
    },
  });
  await job.done;
  return { seconds: hit, epochs };
}

async function torchTimeToElbo(maxEpochs: number, config: TorchConfig): Promise<number | null> {
  let hit: number | null = null;
  await runTorch(["--model", "vae-seed", "--epochs", String(maxEpochs)], config, (j, kill) => {
    log(`pytorch vae-seed epoch ${j.epoch}: test -ELBO ${j.test_neg_elbo} at ${j.wall_s} s`);
    if (hit === null && (j.test_neg_elbo ?? Infinity) <= elboTarget) {
      hit = j.wall_s ?? null;
      kill();
    }
  });
  return hit;
}

interface Row {
  preset: PresetId;
  project: number;
  otherThreads: number | null;
  /** project img/s at 2 threads over 1 thread, median of the per-round ratios */
  scaling: number | null;
  /** PyTorch img/s per configuration tried (intra-op / BLAS threads), medians */
  torchBy: Record<string, number>;
  torchBest: TorchConfig | null;
  /** img/s with NATIVE_KERNELS=0 (tfjs-wasm alone), when the default run used native kernels */
  wasmOnly: number | null;
  torch: number | null;
  ratio: number | null;
  loopP99Ms: number;
  loopMaxMs: number;
}

async function main(): Promise<void> {
  const machine = [
    `CPU ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores)`,
    `OPENBLAS_CORETYPE=${process.env.OPENBLAS_CORETYPE ?? "(unset)"}`,
    `OpenBLAS ${loadNativeKernels()?.describe() ?? "(native kernels not built)"}`,
    `project gradient threads ${defaultThreads} (other: ${otherThreads}; TRAIN_WORKERS=${process.env.TRAIN_WORKERS ?? "unset"})`,
    `PyTorch ${torchAvailable ? `intra-op / BLAS threads tried ${torchConfigs.map((c) => c.label).join(", ")}` : "not found"}`,
  ].join("; ");
  log(
    `${machine}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const rows: Row[] = [];
  let backend = "?";
  for (const preset of presets) {
    const project: number[] = [];
    const others: number[] = [];
    const scalings: number[] = [];
    const torchBy = new Map<string, number[]>(torchConfigs.map((c) => [c.label, []]));
    const ratios: number[] = [];
    const p99: number[] = [];
    const max: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const p = await measureProject(preset);
      backend = p.backend;
      project.push(p.imgPerSec);
      p99.push(p.loopP99Ms);
      max.push(p.loopMaxMs);
      // The other thread count in the same round, so the scaling ratio compares neighbours in time.
      const o = flag("no-other") ? null : (await measureProject(preset, otherThreads)).imgPerSec;
      if (o !== null) {
        others.push(o);
        scalings.push(defaultThreads > otherThreads ? p.imgPerSec / o : o / p.imgPerSec);
      }
      let best = NaN;
      for (const config of torchAvailable ? torchConfigs : []) {
        const t = await measureTorch(preset, config);
        torchBy.get(config.label)!.push(t);
        if (!(t <= best)) best = t;
      }
      if (Number.isFinite(best)) ratios.push(p.imgPerSec / best);
      log(
        `${preset} round ${r + 1}: project ${p.imgPerSec.toFixed(0)} img/s [${p.windows.map((w) => w.toFixed(0)).join(" ")}], ${otherThreads} thread(s) ${o?.toFixed(0) ?? "-"}, pytorch ${torchAvailable ? [...torchBy].map(([c, v]) => `${c} ${v.at(-1)?.toFixed(0)}`).join(" ") : "not run"}, loop p99 ${p.loopP99Ms.toFixed(1)} ms`,
      );
    }
    const other = others.length ? median(others) : null;
    const wasmOnly =
      flag("no-wasm-only") || !backend.includes("+") ? null : (await measureProject(preset, undefined, true)).imgPerSec;
    if (wasmOnly !== null) log(`${preset}: tfjs-wasm alone (NATIVE_KERNELS=0) ${wasmOnly.toFixed(0)} img/s`);
    const torchMedians: Record<string, number> = Object.fromEntries([...torchBy].map(([c, v]) => [c, median(v)]));
    const bestConfig = torchAvailable
      ? torchConfigs.reduce((a, b) => ((torchMedians[b.label] ?? 0) > (torchMedians[a.label] ?? 0) ? b : a))
      : null;
    rows.push({
      preset,
      project: median(project),
      otherThreads: other,
      scaling: scalings.length ? median(scalings) : null,
      torchBy: torchMedians,
      torchBest: bestConfig,
      wasmOnly,
      torch: bestConfig !== null ? torchMedians[bestConfig.label]! : null,
      ratio: ratios.length ? median(ratios) : null,
      loopP99Ms: median(p99),
      loopMaxMs: Math.max(...max),
    });
  }

  let elbo: { project: number | null; torch: number | null } | null = null;
  if (!flag("no-elbo")) {
    const maxEpochs = Number(arg("elbo-epochs", "10"));
    const project = await projectTimeToElbo(maxEpochs);
    const torchBest = rows.find((r) => r.preset === "vae-seed")?.torchBest ?? torchConfigs[0]!;
    const torch = torchAvailable ? await torchTimeToElbo(maxEpochs, torchBest) : null;
    elbo = { project: project.seconds, torch };
  }

  const whole: { epochs: number; project: number; torch: number; ratio: number }[] = [];
  if (flag("whole-process")) {
    // PyTorch's whole process in its best configuration for vae-seed in this run (the first one when not measured).
    const best = rows.find((r) => r.preset === "vae-seed")?.torchBest ?? torchConfigs[0]!;
    for (const epochs of arg("whole-epochs", "1,10").split(",").map(Number)) {
      const w = await wholeProcess(epochs, best);
      whole.push({
        epochs,
        project: median(w.project),
        torch: median(w.torch),
        ratio: median(w.torch.map((t, i) => t / w.project[i]!)),
      });
    }
  }

  const fmt = (n: number | null, digits = 0): string => (n === null || !Number.isFinite(n) ? "–" : n.toFixed(digits));
  console.log(`\n${machine}`);
  console.log(
    `backend: ${backend}; batch ${BATCH}; ${rounds} interleaved rounds of project (${defaultThreads} and ${otherThreads} gradient threads) and PyTorch (intra-op / BLAS threads ${torchConfigs.map((c) => c.label).join(", ")}), medians`,
  );
  console.log(
    `load average at end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  const threadWord = (n: number): string => `${n} thread${n > 1 ? "s" : ""}`;
  console.log(
    `| preset | project img/s (${threadWord(defaultThreads)}) | ${threadWord(otherThreads)} img/s | 2 / 1 threads | tfjs-wasm alone img/s | ${torchConfigs.map((c) => `PyTorch ${c.label}`).join(" | ")} | PyTorch best | ratio to best | event-loop p99 / max ms |`,
  );
  console.log(`|---|---|---|---|---|${torchConfigs.map(() => "---|").join("")}---|---|---|`);
  for (const r of rows) {
    console.log(
      `| ${r.preset} | ${fmt(r.project)} | ${fmt(r.otherThreads)} | ${fmt(r.scaling, 2)} | ${fmt(r.wasmOnly)} | ${torchConfigs.map((c) => fmt(r.torchBy[c.label] ?? null)).join(" | ")} | ${r.torchBest?.label ?? "–"} | ${fmt(r.ratio, 2)} | ${fmt(r.loopP99Ms, 1)} / ${fmt(r.loopMaxMs, 1)} |`,
    );
  }
  if (whole.length) {
    console.log(`\n| whole process, vae-seed | npm run train s | PyTorch s | PyTorch / project |`);
    console.log("|---|---|---|---|");
    for (const w of whole)
      console.log(
        `| ${w.epochs} epoch${w.epochs > 1 ? "s" : ""} | ${fmt(w.project, 2)} | ${fmt(w.torch, 2)} | ${fmt(w.ratio, 2)} |`,
      );
  }
  if (elbo) {
    console.log(
      `\ntime to test -ELBO <= ${elboTarget} on vae-seed: project ${fmt(elbo.project, 1)} s (from job start), PyTorch ${fmt(elbo.torch, 1)} s`,
    );
  }
  console.log(JSON.stringify({ backend, machine, rows, whole, elbo, loadavg: os.loadavg() }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
