/**
 * npm run bench:memory [-- --runs 4 --epochs 10 --train-size 2048] [-- --hidden 2048,2048,2048,2048 --latent 64 --batch 1024]
 *
 * Does the app server give memory back after runs? Starts the real server (`server/index.ts`, API only, SQLite in a
 * temporary folder) as its own process, trains one warm-up run of the default model, then N runs of the largest
 * model this server's budgets allow (GET /api/limits; or the model given on the command line), one after another,
 * and prints the server's resident memory (VmRSS of its process, training and writer threads included) before, at
 * the peak of and after each run. Goal (issue 10): after the big runs, within 100 MB of the level before them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { largestAllowedOverrides } from "../lib/budget/largestModel";
import { LimitsResponseSchema } from "../lib/contracts/limits";
import { estimateRunMemoryBytes, modelParameterCount } from "../lib/budget/runCost";
import { resolveConfig, type TrainOverrides } from "../lib/model/config";
import { cpuModel, settledRssMb, trainOnce } from "../server/cluster/memoryProbe";
import { freePort, startAppServer } from "../server/cluster/processes";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const mb = (n: number) => `${n.toFixed(0)} MB`;
const signed = (n: number) => `${n >= 0 ? "+" : ""}${n.toFixed(0)} MB`;

async function main(): Promise<void> {
  const runs = Number(arg("runs") ?? 4);
  const data = { epochs: Number(arg("epochs") ?? 10), trainSize: Number(arg("train-size") ?? 2048), testSize: 1000 };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-bench-memory-"));
  const port = await freePort();
  const server = await startAppServer("server", port, {
    NO_NEXT: "1",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SESSION_CREATE_LIMIT: "0",
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const { limits } = LimitsResponseSchema.parse(await (await fetch(`${base}/api/limits`)).json());
    const hidden = arg("hidden")?.split(",").map(Number);
    const big: TrainOverrides = hidden
      ? {
          encoderHidden: hidden,
          decoderHidden: hidden,
          latentDim: Number(arg("latent") ?? 64),
          batchSize: Number(arg("batch") ?? 1024),
          ...data,
        }
      : largestAllowedOverrides(limits, data);
    const config = resolveConfig("vae-seed", big);
    console.log(
      `CPU: ${cpuModel()}, Node ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(`limits in force: ${JSON.stringify(limits)}`);
    console.log(
      `server's ${server.output.map((l) => l.replace(/^\[server\] /, "")).find((l) => l.startsWith("memory:")) ?? "memory: (it did not say)"}`,
    );
    console.log(
      `big model: hidden ${config.encoderHidden.join("x")}, latent ${config.latentDim}, batch ${config.batchSize}, ${config.epochs} epochs x ${config.trainSize} images: ` +
        `${modelParameterCount(config).toLocaleString("en-US")} parameters, estimated ${mb(estimateRunMemoryBytes(config) / 2 ** 20)}`,
    );
    console.log(`server pid ${server.child.pid}; RSS at start ${mb(await settledRssMb(server))}`);

    const warm = await trainOnce(base, server, { epochs: 2, trainSize: 5000, testSize: 1000 });
    const before = await settledRssMb(server);
    console.log(
      `warm-up (vae-seed defaults, 2 epochs x 5,000): ${warm.seconds.toFixed(1)} s, peak ${mb(warm.peakMb)}; RSS before the big runs ${mb(before)}`,
    );
    let after = before;
    for (let i = 1; i <= runs; i++) {
      const r = await trainOnce(base, server, big);
      after = await settledRssMb(server);
      console.log(
        `run ${i}/${runs}: ${r.status} in ${r.seconds.toFixed(1)} s, peak RSS ${mb(r.peakMb)}, RSS after ${mb(after)} (${signed(after - before)} vs before)`,
      );
    }
    const growth = after - before;
    console.log(
      `RESULT: before ${mb(before)}, after ${runs} runs ${mb(after)}: ${signed(growth)} (goal: within 100 MB) ${Math.abs(growth) <= 100 ? "OK" : "OVER"}`,
    );
  } finally {
    await server.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
