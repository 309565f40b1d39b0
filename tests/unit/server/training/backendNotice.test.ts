import { test } from "node:test";
import assert from "node:assert/strict";
import type { WorkerEvent } from "../../../../lib/contracts/training";
import { resolveConfig } from "../../../../lib/model/config";
import {
  announceBackendOnce,
  backendNotice,
  withBackendNotice,
  type BackendFacts,
} from "../../../../server/training/backendNotice";
import type { StartTrainingJobOptions, TrainingJob } from "../../../../server/training/trainingWorker";

const offline: BackendFacts = {
  tfjsNodeInstalled: false,
  forced: null,
  nativeKernels: "auto",
  nativeKernelsProblem: null,
};

test("tfjs-node in use: one line, nothing to advise", () => {
  assert.deepEqual(backendNotice("tensorflow", { ...offline, tfjsNodeInstalled: true }), [
    "training backend: tensorflow (tfjs-node, TensorFlow's native library)",
  ]);
});

test("tfjs-node could not install: the backend in use, why tfjs-node is missing and how to get it", () => {
  const lines = backendNotice("wasm+openblas", offline);
  assert.match(lines[0]!, /^training backend: wasm\+openblas \(/);
  assert.match(
    lines[1]!,
    /tfjs-node .*not installed: its install downloads libtensorflow, which needs internet; run npm install/,
  );
  assert.match(lines.at(-1)!, /npm run doctor/);
  assert.equal(lines.length, 3);
});

test("tfjs-node installed but not loading is told apart from not installed", () => {
  assert.match(
    backendNotice("wasm+openblas", { ...offline, tfjsNodeInstalled: true })[1]!,
    /installed but did not load.*npm rebuild @tensorflow\/tfjs-node/,
  );
});

test("wasm alone: the native kernels' problem and the command that fixes it", () => {
  const lines = backendNotice("wasm", {
    ...offline,
    nativeKernelsProblem: "native/kernels/build/Release/vae_kernels.node not built",
  });
  assert.match(
    lines[2]!,
    /native kernels unavailable \(native\/kernels\/build\/Release\/vae_kernels\.node not built\): training is about 3x faster with them — apt-get install libopenblas-dev, then npm run build:native/,
  );
  assert.match(
    backendNotice("wasm", { ...offline, nativeKernels: "off" })[2]!,
    /NATIVE_KERNELS=0 keeps the native kernels off/,
  );
});

test("cpu: says the wasm backend failed and how to repair the install", () => {
  assert.ok(backendNotice("cpu", offline).some((l) => /wasm backend did not load.*npm ci/.test(l)));
});

test("a backend forced with TFJS_BACKEND is named as chosen, without tfjs-node advice", () => {
  assert.deepEqual(backendNotice("wasm+openblas", { ...offline, forced: "wasm" }), [
    "training backend: wasm+openblas (TensorFlow.js wasm, matrix products and the training step's kernels native in OpenBLAS) — chosen by TFJS_BACKEND=wasm",
  ]);
});

test("announced once per process, however many runs start", () => {
  const logged: string[] = [];
  const announce = announceBackendOnce(
    (l) => logged.push(l),
    () => offline,
  );
  announce("wasm+openblas");
  announce("wasm+openblas");
  assert.equal(logged.filter((l) => l.startsWith("training backend:")).length, 1);
});

test("withBackendNotice logs at the first run's ready event and still forwards every event", () => {
  const logged: string[] = [];
  const seen: WorkerEvent["type"][] = [];
  const fakeStart = (_config: unknown, opts: StartTrainingJobOptions): TrainingJob => {
    opts.onEvent({ type: "ready", backend: "tensorflow" });
    opts.onEvent({ type: "status", status: "training" });
    return {} as TrainingJob;
  };
  const start = withBackendNotice(fakeStart, (l) => logged.push(l));
  for (let i = 0; i < 2; i++) start(resolveConfig("vae-seed"), { onEvent: (e) => seen.push(e.type) });
  assert.deepEqual(seen, ["ready", "status", "ready", "status"]);
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /^training backend: tensorflow/);
});
