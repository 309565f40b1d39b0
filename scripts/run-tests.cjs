// Runs node's test runner (through tsx) on every *.test.ts under the given folders.
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
const result = spawnSync(process.execPath, [tsxCli, "--test", "--test-concurrency=1", ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
