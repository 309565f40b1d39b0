import { test } from "node:test";
import assert from "node:assert/strict";
import { formatReport, wrap } from "../../../../server/doctor/report";
import { runChecks } from "../../../../server/doctor/runChecks";
import { fakeProbes } from "./fakeProbes";
import { checkLine, DOCTOR_CHECK_NAMES } from "../../../support/doctorChecks";

const machine = {
  node: "v20.20.2",
  platform: "linux",
  arch: "x64",
  cores: 2,
  cpuModel: "AMD EPYC",
  openblasCoreType: "Haswell",
};

test("a machine with everything: every check ok, and the screen says nothing is missing", async () => {
  const results = await runChecks(
    fakeProbes({ tfjsNode: async () => "loads", env: { TEST_DATABASE_URL_PG: "postgresql://u:p@h/t" } }),
    { measure: true },
  );
  assert.deepEqual(
    results.filter((r) => r.status !== "ok").map((r) => r.name),
    [],
  );
  const screen = formatReport(results, machine);
  assert.match(
    screen,
    /^npm run doctor: what this machine has for VAE Playground\nNode v20\.20\.2 · linux x64 · 2 cores \(AMD EPYC\) · OPENBLAS_CORETYPE=Haswell\n/,
  );
  assert.match(screen, /Nothing missing/);
  for (const name of DOCTOR_CHECK_NAMES) {
    assert.match(screen, checkLine(name, "✓"), name);
  }
});

test("a bare machine: each missing piece with its cost and fix, and the fixes listed once at the end", async () => {
  const results = await runChecks(
    fakeProbes({
      fileExists: () => false,
      nativeKernels: () => ({ built: false, problem: "not built", describe: null }),
      compilerFinds: () => "missing",
      postgres: async () => "ECONNREFUSED",
      redis: async () => "ECONNREFUSED",
      commandPath: () => null,
      measureTraining: async () => ({ backend: "wasm", imgPerSec: 8000, seconds: 3 }),
    }),
    { measure: true },
  );
  const screen = formatReport(results, machine, 100);
  const missing = results.filter((r) => r.status === "missing");
  assert.equal(missing.length, 9);
  assert.ok(
    missing.every((r) => r.cost && r.fix),
    "every missing piece says what it costs and how to fix it",
  );
  const tail = screen.slice(screen.indexOf("9 missing"));
  assert.equal(tail.split("\n").filter((l) => l.includes("npm run services")).length, 1, "a shared fix is listed once");
  assert.ok(
    screen.split("\n").every((l) => l.length <= 100 || /^\s+fix: /.test(l)),
    "only commands may run past the width",
  );
});

test("wrap keeps words whole", () => {
  assert.deepEqual(wrap("one two three four", 9), ["one two", "three", "four"]);
  assert.deepEqual(wrap("a-very-long-word x", 5), ["a-very-long-word", "x"]);
});
