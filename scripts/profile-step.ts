/**
 * npm run profile:step [-- --preset vae-seed --threads 1 --kernels --prior standard|label-gaussian]
 *
 * One training step of the real stepper (server/training/parallel/stepper.ts: batches from the uint8 data, fast
 * gradients, flat Adam, optional gradient threads) timed in this thread: ms per step (min / median of 7 windows
 * of 20 steps after 20 warm-up steps), CPU ms per step (all threads of the process), and with --kernels the
 * tf.profile breakdown of the kernels this thread launches (mean of 5 profiled steps). NATIVE_KERNELS=0 gives
 * the tfjs-wasm-only numbers. What docs/performance.md's "where the time goes" tables come from. With the native
 * whole step (the default when the addon is built) no tfjs kernel runs per step, so --kernels lists nothing; use
 * NATIVE_KERNELS=0 for the tfjs step's breakdown, native/kernels/bench/step_bench.c for the native step alone.
 */
import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildVae } from "../lib/model/build";
import { PRESET_IDS, PIXELS, resolveConfig, type PresetId } from "../lib/model/config";
import { mnistSourceDir } from "../server/data/paths";
import { initBackend } from "../server/training/backend";
import { createTrainStepper } from "../server/training/parallel/stepper";

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const preset = arg("preset", "vae-seed") as PresetId;
const threads = Number(arg("threads", "1"));
const prior = arg("prior", ""); // empty: the preset's own
const BATCH = 128;

async function main(): Promise<void> {
  if (!PRESET_IDS.includes(preset)) throw new Error(`--preset must be one of ${PRESET_IDS.join(", ")}`);
  const backend = await initBackend(() => {});
  const dir = mnistSourceDir();
  const images = new Uint8Array(readFileSync(path.join(dir, "train-images-idx3-ubyte")).subarray(16));
  const labels = new Uint8Array(readFileSync(path.join(dir, "train-labels-idx1-ubyte")).subarray(8));
  const config = resolveConfig(preset, { batchSize: BATCH, ...(prior ? { prior } : {}) });
  const models = buildVae(config);
  const stepper = await createTrainStepper(
    models,
    { images, labels },
    { threads, learningRate: 1e-3, batchSize: BATCH },
  );
  const perm = Int32Array.from({ length: labels.length }, (_, i) => i);
  const masks = config.condition === "inpaint" ? new Float32Array(BATCH * PIXELS).fill(1) : null;
  let k = 0;
  const step = (): void => {
    stepper.step({ perm, start: (k++ * BATCH) % (labels.length - BATCH), size: BATCH, klWeight: 1, epsSeed: k, masks });
  };
  for (let i = 0; i < 20; i++) step();
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let w = 0; w < 7; w++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) step();
    ms.push((performance.now() - t0) / 20);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / 20);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[3]!;
  console.log(
    `${preset} (prior ${config.prior}), ${threads} thread(s), backend ${backend}: ${sorted[0]!.toFixed(2)} / ${median.toFixed(2)} ms per step (min / median), ${Math.round((BATCH * 1000) / median)} img/s, CPU ${[...cpu].sort((a, b) => a - b)[3]!.toFixed(1)} ms per step`,
  );
  if (argv.includes("--kernels")) {
    const agg = new Map<string, { calls: number; ms: number }>();
    const reps = 5;
    for (let r = 0; r < reps; r++) {
      const info = await tf.profile(() => step());
      for (const kernel of info.kernels) {
        const a = agg.get(kernel.name) ?? { calls: 0, ms: 0 };
        a.calls += 1;
        a.ms += Number(kernel.kernelTimeMs);
        agg.set(kernel.name, a);
      }
    }
    const rows = [...agg]
      .map(([name, a]) => ({ name, calls: a.calls / reps, ms: a.ms / reps }))
      .sort((a, b) => b.ms - a.ms);
    const total = rows.reduce((s, r) => s + r.ms, 0);
    console.log(
      `kernels on this thread per step: ${rows.reduce((s, r) => s + r.calls, 0)} launches, ${total.toFixed(2)} ms`,
    );
    console.log("| kernel | launches | ms | share |\n|---|---|---|---|");
    for (const r of rows.filter((r) => r.ms >= 0.005))
      console.log(`| ${r.name} | ${r.calls} | ${r.ms.toFixed(3)} | ${((100 * r.ms) / total).toFixed(0)} % |`);
  }
  await stepper.dispose();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
