// Runs node's test runner (through tsx) on every *.test.ts under the given folders, with output a person can read.
// Node 20's `--test` does not expand globs itself, hence this small script.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

function collect(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(p, out);
    else if (entry.name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

const dirs = process.argv.slice(2);
const files = dirs.flatMap((d) => collect(d, [])).sort();
if (files.length === 0) {
  console.error(`no *.test.ts files under ${dirs.join(", ")}`);
  process.exit(1);
}
const tsxCli = require.resolve("tsx/cli");
const support = path.join(__dirname, "..", "tests", "support");
const args = [
  tsxCli,
  "--test",
  "--test-concurrency=1",
  // spec everywhere (Node picks TAP when stdout is not a terminal, which is hard to read in CI logs), plus a list of
  // what was skipped and why, which Node's own summary undercounts (see skipReporter.mjs)
  "--test-reporter=spec",
  "--test-reporter-destination=stdout",
  `--test-reporter=${path.join(support, "skipReporter.mjs")}`,
  "--test-reporter-destination=stdout",
  // inherited by every test file's process: drops TensorFlow.js's "install tfjs-node" banner (quietTfjsBanner.cjs)
  "--require",
  path.join(support, "quietTfjsBanner.cjs"),
  ...files,
];
const result = spawnSync(process.execPath, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
