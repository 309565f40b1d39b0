import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * scripts/run-tests.cjs on fixture test files, as `npm test` runs it: spec output, every skipped group and test named
 * with its reason (Node's own count leaves skipped groups out), and no TensorFlow.js "install tfjs-node" banner.
 */

const root = path.resolve(__dirname, "../../..");
const tfjs = JSON.stringify(path.join(root, "node_modules", "@tensorflow", "tfjs"));

test("run-tests prints spec lines, names every skip with its reason, and drops the tfjs banner", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-run-tests-"));
  try {
    fs.writeFileSync(
      path.join(dir, "a.test.ts"),
      `import { describe, it, test } from "node:test";
describe("HTTP API (PostgreSQL)", { skip: "TEST_DATABASE_URL_PG is not set" }, () => { it("creates", () => {}); it("deletes", () => {}); });
describe("migrations on PostgreSQL", { skip: "TEST_DATABASE_URL_PG is not set" }, () => { it("applies", () => {}); });
test("fashion data", { skip: "Fashion-MNIST is not installed" }, () => {});
test("runs", () => {});
`,
    );
    fs.writeFileSync(
      path.join(dir, "b.test.ts"),
      `import { test } from "node:test";
import * as tf from ${tfjs};
test("uses the cpu backend", async () => { await tf.setBackend("cpu"); tf.tensor([1, 2]).dispose(); console.warn("another warning stays"); });
`,
    );
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT; // a test runner inside a test would otherwise report to this one instead of printing
    const r = spawnSync(process.execPath, [path.join(root, "scripts", "run-tests.cjs"), dir], {
      encoding: "utf8",
      env,
      timeout: 60_000,
    });
    const out = `${r.stdout}${r.stderr}`;
    assert.equal(r.status, 0, out);
    assert.match(out, /✔ runs/, "spec reporter, even though stdout is not a terminal");
    assert.match(out, /ℹ skipped 1\n/, "Node's own count: the one skipped test, no groups");
    assert.match(out, /ℹ skipped: 1 test and 2 whole groups \(the tests inside a skipped group never run/);
    assert.match(
      out,
      /ℹ {3}TEST_DATABASE_URL_PG is not set:\nℹ {5}group HTTP API \(PostgreSQL\) {2}\(.*a\.test\.ts\)\nℹ {5}group migrations on PostgreSQL/,
    );
    assert.match(out, /ℹ {3}Fashion-MNIST is not installed:\nℹ {5}test {2}fashion data/);
    assert.doesNotMatch(out, /looks like you are running TensorFlow\.js/);
    assert.match(out, /another warning stays/, "only the banner is dropped");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
