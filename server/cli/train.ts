import * as fs from "node:fs";
import * as path from "node:path";
import type { WorkerEvent } from "../../lib/contracts/training";
import { exportModel } from "../export/exportModel";
import { gridToPng } from "../export/png";
import { announceBackendOnce } from "../training/backendNotice";
import { scatterToPng } from "../export/scatterPng";
import { startTrainingJob } from "../training/trainingWorker";
import { createProgressPrinter, formatDuration } from "./progressBar";
import { parseTrainArgs, TRAIN_USAGE, UsageError } from "./trainArgs";
import { errorMessage } from "../../lib/errors";

/**
 * `npm run train -- --preset cvae-label --epochs 10 --out runs/x [...]`
 * Trains in the same worker thread the app server uses, and writes into --out:
 *   encoder/ decoder/ meta.json   the latest epoch's export (overwritten every epoch; loadable by tf.loadLayersModel)
 *   metrics.jsonl                 one EpochMetrics JSON object per epoch
 *   config.json                   the resolved TrainConfig
 *   grids/epoch-NNN-<kind>.png    the sample grids of each epoch
 *   grids/epoch-NNN-latent.png    the latent scatter of each epoch (2,000 test images coloured by digit)
 * Ctrl-C once: stop after the current step (the last finished epoch's export stays); twice: kill.
 */

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseTrainArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) fail(`${e.message}\n(npm run train -- --help lists every flag)`, 2);
    throw e;
  }
  if (args === "help") {
    console.log(TRAIN_USAGE);
    return;
  }
  const { config, float16 } = args;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const out = path.resolve(args.out ?? path.join("runs", `${config.preset}-${stamp}`));
  fs.mkdirSync(path.join(out, "grids"), { recursive: true });
  fs.writeFileSync(path.join(out, "config.json"), JSON.stringify(config, null, 2));
  const metricsFile = path.join(out, "metrics.jsonl");
  fs.writeFileSync(metricsFile, "");
  console.error(
    `training ${config.preset} for ${config.epochs} epochs on ${config.trainSize} ${config.dataset} images → ${out}`,
  );

  const progress = createProgressPrinter();
  const announceBackend = announceBackendOnce((line) => console.error(line));
  const started = Date.now();
  let writes: Promise<void> = Promise.resolve(); // exports are written in order, one at a time
  const outcome: { failed: string | null } = { failed: null }; // set by the job's error callback

  const onEvent = (e: WorkerEvent): void => {
    switch (e.type) {
      case "ready":
        announceBackend(e.backend);
        break;
      case "progress":
        progress.update(e);
        break;
      case "epoch": {
        const { type: _t, ...m } = e;
        progress.clear();
        fs.appendFileSync(metricsFile, `${JSON.stringify(m)}\n`);
        console.log(
          `epoch ${m.epoch}/${config.epochs}  train ${m.trainLoss.toFixed(2)}  test -ELBO ${m.testNegElbo.toFixed(2)} ` +
            `(recon ${m.testRecon.toFixed(2)}, kl ${m.testKl.toFixed(2)})  ${Math.round(m.imgPerSec)} img/s  ${m.seconds.toFixed(1)} s`,
        );
        break;
      }
      case "samples":
        for (const g of e.grids) {
          const file = path.join(out, "grids", `epoch-${String(e.epoch).padStart(3, "0")}-${g.kind}.png`);
          fs.writeFileSync(file, gridToPng(g).png);
        }
        break;
      case "latent":
        fs.writeFileSync(
          path.join(out, "grids", `epoch-${String(e.epoch).padStart(3, "0")}-latent.png`),
          scatterToPng(e.points, e.labels),
        );
        break;
      case "checkpoint":
        writes = writes.then(() => exportModel(out, e.artifacts));
        break;
      case "status":
        if (e.status !== "training") {
          progress.clear();
          console.error(`status: ${e.status}`);
        }
        break;
      case "error":
        progress.clear();
        outcome.failed = e.message;
        console.error(`error: ${e.message}`);
        break;
      case "done":
        break;
    }
  };

  const job = startTrainingJob(config, { onEvent, float16, progressIntervalMs: process.stderr.isTTY ? 100 : 1000 });
  let interrupts = 0;
  process.on("SIGINT", () => {
    interrupts++;
    if (interrupts === 1) {
      progress.clear();
      console.error("stopping after the current step (Ctrl-C again to kill)…");
      job.stop();
    } else void job.terminate().then(() => process.exit(130));
  });

  try {
    const result = await job.done;
    await writes;
    progress.clear();
    console.error(
      `${result.stopped ? "stopped" : "done"} after epoch ${result.lastEpoch} in ${formatDuration((Date.now() - started) / 1000)}; ` +
        `export in ${out}` +
        (result.lastEpoch > 0
          ? `\nevaluate with: npm run evaluate -- ${path.relative(process.cwd(), out) || "."}`
          : ""),
    );
  } catch (e) {
    await writes.catch(() => {});
    fail(`training failed: ${outcome.failed ?? errorMessage(e)}`, 1);
  }
}

main().catch((e: unknown) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e), 1));
