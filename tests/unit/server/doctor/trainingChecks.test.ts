import { test } from "node:test";
import assert from "node:assert/strict";
import {
  checkNativeKernels,
  checkOpenBlasHeaders,
  checkTfjsNode,
  checkTrainingSpeed,
} from "../../../../server/doctor/trainingChecks";
import { fakeProbes } from "./fakeProbes";

test("training speed with the native kernels: both speeds measured and their ratio", async () => {
  const r = await checkTrainingSpeed(fakeProbes(), true);
  assert.equal(r.status, "ok");
  assert.equal(
    r.found,
    "wasm+openblas: 27,912 img/s (vae-seed, batch 128, measured for 1.5 s); wasm alone 8,034 img/s (the native kernels: 3.5x)",
  );
});

test("training speed on tfjs-node or wasm alone: one measurement", async () => {
  let calls = 0;
  const on = (backend: string) =>
    fakeProbes({ measureTraining: async () => (calls++, { backend, imgPerSec: 5000, seconds: 2 }) });
  assert.match((await checkTrainingSpeed(on("tensorflow"), true)).found, /^tensorflow: 5,000 img\/s/);
  assert.match((await checkTrainingSpeed(on("wasm"), true)).found, /^wasm: 5,000 img\/s/);
  assert.equal(calls, 2);
});

test("training speed on cpu, failing, or not measured", async () => {
  const cpu = await checkTrainingSpeed(
    fakeProbes({ measureTraining: async () => ({ backend: "cpu", imgPerSec: 40, seconds: 9 }) }),
    true,
  );
  assert.equal(cpu.status, "missing");
  assert.match(cpu.cost!, /wasm backend did not load/);
  assert.match(cpu.fix!, /^npm ci/);
  const broken = await checkTrainingSpeed(
    fakeProbes({ measureTraining: async () => ({ error: "no tfjs backend could be initialised" }) }),
    true,
  );
  assert.equal(broken.status, "missing");
  assert.match(broken.found, /training did not run: no tfjs backend/);
  let called = false;
  const skipped = await checkTrainingSpeed(
    fakeProbes({ measureTraining: async () => ((called = true), { error: "x" }) }),
    false,
  );
  assert.deepEqual([skipped.status, called], ["info", false]);
});

test("tfjs-node: loading, absent (needs internet to install), installed but broken", async () => {
  assert.equal((await checkTfjsNode(fakeProbes({ tfjsNode: async () => "loads" }))).status, "ok");
  const absent = await checkTfjsNode(fakeProbes());
  assert.equal(absent.status, "missing");
  assert.match(absent.found, /downloads libtensorflow .* needs internet/);
  assert.match(absent.cost!, /none that breaks anything/);
  assert.equal(absent.fix, "npm install   (on a machine with internet)");
  const broken = await checkTfjsNode(
    fakeProbes({ tfjsNode: async () => ({ error: "libtensorflow.so.2: cannot open shared object file" }) }),
  );
  assert.match(broken.found, /does not load: libtensorflow\.so\.2/);
  assert.match(broken.fix!, /^npm rebuild @tensorflow\/tfjs-node/);
});

test("native kernels: loading, switched off, stale, not built with or without headers or compiler", () => {
  assert.equal(checkNativeKernels(fakeProbes()).status, "ok");
  const off = checkNativeKernels(fakeProbes({ env: { NATIVE_KERNELS: "0" } }));
  assert.deepEqual([off.status, /NATIVE_KERNELS=0 keeps them off/.test(off.found)], ["info", true]);
  const stale = checkNativeKernels(
    fakeProbes({ nativeKernels: () => ({ built: true, problem: "from an older version (no adam)", describe: null }) }),
  );
  assert.deepEqual([stale.status, stale.fix], ["missing", "npm run build:native"]);
  const notBuilt = (headers: "found" | "missing" | "no-compiler") =>
    checkNativeKernels(
      fakeProbes({
        nativeKernels: () => ({ built: false, problem: "not built", describe: null }),
        compilerFinds: () => headers,
      }),
    );
  assert.equal(notBuilt("found").fix, "npm run build:native");
  assert.equal(notBuilt("missing").fix, "apt-get install libopenblas-dev && npm run build:native");
  assert.equal(notBuilt("no-compiler").fix, "apt-get install build-essential libopenblas-dev && npm run build:native");
  assert.match(notBuilt("missing").cost!, /about 3x slower/);
});

test("OpenBLAS headers: found, missing (costing a build or nothing yet), no compiler", () => {
  assert.equal(checkOpenBlasHeaders(fakeProbes(), true).status, "ok");
  const missing = checkOpenBlasHeaders(fakeProbes({ compilerFinds: () => "missing" }), false);
  assert.deepEqual([missing.status, missing.fix], ["missing", "apt-get install libopenblas-dev"]);
  assert.match(missing.cost!, /cannot be built/);
  assert.match(checkOpenBlasHeaders(fakeProbes({ compilerFinds: () => "missing" }), true).cost!, /nothing now/);
  assert.match(checkOpenBlasHeaders(fakeProbes({ compilerFinds: () => "no-compiler" }), false).fix!, /build-essential/);
});
