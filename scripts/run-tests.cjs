// Runs node's test runner (through tsx) on every *.test.ts under the given folders, with output a person can read.
// Node 20's `--test` does not expand globs itself, hence this small script.
const { spawn } = require("node:child_process");
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
  // a test file whose tests are all done exits even if something it started still holds the event loop (a socket
  // left reconnecting after a failed assertion): its failure is reported instead of the run waiting forever
  "--test-force-exit",
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
// The whole suite has a deadline (TEST_DEADLINE_MINUTES, default 30): a hang anywhere ends the run with a message
// saying so instead of running into CI's own limit with nothing printed. The runner gets a process group of its own
// so that the deadline (or a Ctrl-C) ends the test files and whatever they started, not only the runner.
const deadlineMinutes = Number(process.env.TEST_DEADLINE_MINUTES ?? 30);
const child = spawn(process.execPath, args, { stdio: "inherit", detached: true });
const killGroup = (signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
};
let timedOut = false;
const deadline = setTimeout(() => {
  timedOut = true;
  console.error(
    `\n${dirs.join(", ")}: tests still running after ${deadlineMinutes} minutes: stopped (a hang; see the last test above)`,
  );
  killGroup("SIGKILL");
}, deadlineMinutes * 60_000);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => killGroup(signal));
child.on("exit", (code) => {
  clearTimeout(deadline);
  killGroup("SIGKILL"); // anything a test file started and left behind
  process.exit(timedOut ? 1 : (code ?? 1));
});
