import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tinyTrainArgs } from "../../support/trainArgs";

/**
 * The production build (scripts/build-server.cjs → dist/, run by scripts/run-compiled.cjs): the compiled CLI trains
 * with its compiled worker thread, in a process that loads no TypeScript compiler. `npm start` on dist/ is what the
 * end-to-end tests' server runs.
 */

const root = path.resolve(__dirname, "../../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vae-compiled-"));

test("the compiled CLI trains a small run through its compiled worker thread, without tsx or esbuild in the process", () => {
  const out = path.join(tmp, "run");
  // NODE_OPTIONS from the test runner (tsx's hooks) must not reach the child: it is to run as `npm run train` does.
  const env = { ...process.env, DATA_DIR: path.join(tmp, "data"), NODE_OPTIONS: "" };
  // Up to date first, so the run below starts without compiling (which would load esbuild, rightly).
  const build = spawnSync(process.execPath, [path.join(root, "scripts", "build-server.cjs")], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(build.status, 0, build.stderr);
  const probe = path.join(tmp, "probe.cjs");
  // Loaded before the CLI (--require): reports at exit which modules the process loaded.
  fs.writeFileSync(
    probe,
    `process.on("exit", () => { const m = Object.keys(require.cache).filter((k) => /node_modules\\/(tsx|esbuild|typescript)\\//.test(k)); require("fs").writeFileSync(${JSON.stringify(path.join(tmp, "loaded.json"))}, JSON.stringify(m)); });`,
  );
  const r = spawnSync(
    process.execPath,
    ["--require", probe, path.join(root, "scripts", "run-compiled.cjs"), "server/cli/train", ...tinyTrainArgs(1, out)],
    { cwd: tmp, env, encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^epoch 1\/1 .*test -ELBO \d+\.\d\d/m);
  assert.ok(
    fs.existsSync(path.join(root, "dist", "server", "training", "worker.js")),
    "the worker thread ran from dist/",
  );
  const loaded = JSON.parse(fs.readFileSync(path.join(tmp, "loaded.json"), "utf8")) as string[];
  assert.deepEqual(loaded, [], "no tsx, esbuild or typescript module in the compiled process");
});
