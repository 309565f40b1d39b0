import type { WorkerEvent } from "../../lib/contracts/training";
import { loadNativeKernels, nativeKernelsError, nativeKernelsSetting } from "./native/addon";
import type { StartTrainingJobOptions, TrainingJob } from "./trainingWorker";
import type { TrainConfig } from "../../lib/model/config";
import { trainingEnv } from "../config/env";

/**
 * Says once per process which backend training runs on and, when a faster setup is within reach, how to get it.
 * The worker threads pick the backend (backend.ts) silently; this runs where the output goes (the app server's
 * log, the trainer's, the CLI's stderr), from the backend name the worker reports and what this thread can see.
 *
 * tfjs-node is an optional dependency whose install downloads libtensorflow: without internet it is rolled back
 * without a word, so this is where a user learns that it is missing.
 */

export interface BackendFacts {
  /** @tensorflow/tfjs-node is in node_modules (installed; it may still fail to load). */
  tfjsNodeInstalled: boolean;
  /** TFJS_BACKEND, when set. */
  forced: string | null;
  /** NATIVE_KERNELS: unset = use them when built, "0" = off, "1" = required. */
  nativeKernels: "auto" | "off" | "required";
  /** Why the native kernels addon is unavailable, or null when it loads. */
  nativeKernelsProblem: string | null;
}

const DESCRIPTIONS: Record<string, string> = {
  tensorflow: "tfjs-node, TensorFlow's native library",
  "wasm+openblas": "TensorFlow.js wasm, matrix products and the training step's kernels native in OpenBLAS",
  wasm: "TensorFlow.js wasm alone",
  cpu: "TensorFlow.js's plain JavaScript backend",
};

const NATIVE_KERNELS_FIX = "apt-get install libopenblas-dev, then npm run build:native";

/** The advice after the backend's name: what is missing and the command that adds it (none when nothing is). */
function advice(backend: string, facts: BackendFacts): string[] {
  const lines: string[] = [];
  if (backend !== "tensorflow" && !facts.forced) {
    lines.push(
      facts.tfjsNodeInstalled
        ? "@tensorflow/tfjs-node is installed but did not load (its libtensorflow download probably failed): npm rebuild @tensorflow/tfjs-node on a machine with internet"
        : "@tensorflow/tfjs-node (tried first when present) is not installed: its install downloads libtensorflow, which needs internet; run npm install on a machine that has it",
    );
  }
  if (backend === "wasm") {
    if (facts.nativeKernels === "off")
      lines.push("NATIVE_KERNELS=0 keeps the native kernels off (training is about 3x faster with them)");
    else
      lines.push(
        `native kernels unavailable (${facts.nativeKernelsProblem ?? "not loaded"}): training is about 3x faster with them — ${NATIVE_KERNELS_FIX}`,
      );
  }
  if (backend === "cpu")
    lines.push(
      "the wasm backend did not load, so training is over 10x slower than it should be: reinstall with npm ci",
    );
  return lines;
}

/** The notice as lines: the backend first, then each piece of advice; `npm run doctor` measures the difference. */
export function backendNotice(backend: string, facts: BackendFacts): string[] {
  const what = DESCRIPTIONS[backend] ?? "TensorFlow.js";
  const head = `training backend: ${backend} (${what})${facts.forced ? ` — chosen by TFJS_BACKEND=${facts.forced}` : ""}`;
  const rest = advice(backend, facts);
  return rest.length
    ? [
        head,
        ...rest.map((l) => `  ${l}`),
        "  npm run doctor measures this machine's training speed and lists what is missing",
      ]
    : [head];
}

/** What this thread can see about the backends (loads the native addon here too: cheap, and the error is the real one). */
export function detectBackendFacts(env: Readonly<Record<string, string | undefined>> = process.env): BackendFacts {
  let tfjsNodeInstalled = true;
  try {
    require.resolve("@tensorflow/tfjs-node/package.json");
  } catch {
    tfjsNodeInstalled = false;
  }
  const nativeKernels = nativeKernelsSetting(env);
  return {
    tfjsNodeInstalled,
    forced: trainingEnv(env).TFJS_BACKEND ?? null,
    nativeKernels,
    nativeKernelsProblem: nativeKernels === "off" || loadNativeKernels() ? null : nativeKernelsError(),
  };
}

/** Logs the notice the first time it is called, and never again in this process. */
export function announceBackendOnce(
  log: (line: string) => void,
  facts: () => BackendFacts = detectBackendFacts,
): (backend: string) => void {
  let announced = false;
  return (backend) => {
    if (announced) return;
    announced = true;
    for (const line of backendNotice(backend, facts())) log(line);
  };
}

type StartJob = (config: TrainConfig, opts: StartTrainingJobOptions) => TrainingJob;

/** `startJob` that announces the backend of the process's first run (the app server's and the trainer's wiring). */
export function withBackendNotice(startJob: StartJob, log: (line: string) => void): StartJob {
  const announce = announceBackendOnce(log);
  return (config, opts) =>
    startJob(config, {
      ...opts,
      onEvent: (e: WorkerEvent) => {
        if (e.type === "ready") announce(e.backend);
        opts.onEvent(e);
      },
    });
}
