import { parentPort, workerData } from "node:worker_threads";
import { WorkerCommandSchema, type WorkerEvent, type RunStatus } from "../../lib/contracts/training";
import { TrainConfigSchema } from "../../lib/model/config";
import { loadDataset } from "../data/mnist";
import { initBackend } from "./backend";
import { evaluateFinishedRun } from "./runEndEvaluation";
import { train } from "./trainer";
import { transferablesOf, WorkerInputSchema, type WorkerResult } from "./workerProtocol";
import { errorMessage } from "../../lib/errors";
import { jsonText } from "../../lib/jsonText";

/**
 * The training worker thread: loads the data, runs `train()` and reports every event to the parent.
 * Commands (pause/resume/stop) are validated with zod; anything else is answered with an "error" event
 * and otherwise ignored. Started through worker.bootstrap.cjs by trainingWorker.ts.
 */

const port = parentPort;
if (!port) throw new Error("server/training/worker.ts must run in a worker thread");

function post(event: WorkerEvent | WorkerResult): void {
  port!.postMessage(event, transferablesOf(event));
}

/** How often the training loop yields to the event loop so pause/stop messages get delivered. */
const YIELD_EVERY_MS = 25;

type ControlState = "running" | "paused" | "stopping";
let state: ControlState = "running";
let wake: (() => void) | null = null;
let lastYield = Date.now();

function setStatus(status: RunStatus): void {
  post({ type: "status", status });
}

port.on("message", (raw: unknown) => {
  const parsed = WorkerCommandSchema.safeParse(raw);
  if (!parsed.success) {
    post({ type: "error", message: `worker: ignored malformed command ${String(jsonText(raw)).slice(0, 200)}` });
    return;
  }
  const cmd = parsed.data.type;
  if (cmd === "stop") state = "stopping";
  else if (cmd === "pause" && state === "running") state = "paused";
  else if (cmd === "resume" && state === "paused") state = "running";
  const w = wake;
  wake = null;
  w?.(); // let a paused loop re-check the state
});

/** Called by the trainer between steps. Pausing parks the loop on a promise until resume/stop. */
async function control(): Promise<"continue" | "stop"> {
  // Training steps are synchronous tfjs calls; without a macrotask break no message event would ever run.
  if (Date.now() - lastYield >= YIELD_EVERY_MS) {
    await new Promise<void>((r) => setImmediate(r));
    lastYield = Date.now();
  }
  if (state === "paused") {
    setStatus("paused");
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the message handler changes state while we wait
    while (state === "paused") await new Promise<void>((r) => (wake = r));
    if (state === "running") setStatus("training");
  }
  return state === "stopping" ? "stop" : "continue";
}

async function main(): Promise<void> {
  const input = WorkerInputSchema.parse(workerData);
  const config = TrainConfigSchema.parse(input.config);
  const backend = await initBackend(() => {});
  post({ type: "ready", backend });
  const data = loadDataset(config.dataset, config.trainSize, config.testSize, { dataDir: input.dataDir });
  setStatus("training");
  const result = await train(
    config,
    data,
    {
      onProgress: (p) => post({ type: "progress", ...p }),
      onEpoch: (m) => post({ type: "epoch", ...m }),
      // The hooks hand over ownership: pixel and weight buffers are transferred, not copied.
      onSamples: (epoch, grids) => post({ type: "samples", epoch, grids }),
      onLatent: (s) =>
        post({ type: "latent", epoch: s.epoch, points: s.points, labels: s.labels, projection: s.projection }),
      onCheckpoint: (epoch, artifacts) => post({ type: "checkpoint", epoch, artifacts }),
      control,
    },
    {
      resumeFrom: input.resumeFrom,
      progressIntervalMs: input.progressIntervalMs,
      backendName: backend,
      float16: input.float16,
      gradientWorkers: input.gradientWorkers,
    },
  );
  if (!result.stopped && input.evaluation && result.lastEpoch >= config.epochs) {
    // Here, not on the app server: the models are in this thread, and the seconds it takes block no one's socket.
    try {
      const e = await evaluateFinishedRun(result.models, data, {
        run: input.evaluation.run,
        epoch: result.lastEpoch,
        dataDir: input.dataDir,
      });
      post({ type: "evaluation", epoch: result.lastEpoch, ...e });
    } catch (err) {
      console.error(
        `training worker: the run-end evaluation failed (${errorMessage(err)}); the run is done without it`,
      );
    }
  }
  if (result.stopped) setStatus("stopped");
  else {
    setStatus("done");
    post({ type: "done", epoch: result.lastEpoch });
  }
  result.models.encoder.dispose();
  result.models.decoder.dispose();
  post({ type: "result", lastEpoch: result.lastEpoch, stopped: result.stopped });
}

main().catch((e: unknown) => {
  const message = errorMessage(e);
  post({ type: "error", message: process.env.VAE_WORKER_DEBUG && e instanceof Error ? String(e.stack) : message });
  post({ type: "result", error: message });
});
