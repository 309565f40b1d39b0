// Compiles the Node side ahead of time (npm run build runs it after `next build`): the app server, the trainer
// process, the worker threads and the CLI, each entry one CommonJS bundle of the project's own code under dist/ with
// the same relative path (server/index.ts → dist/server/index.js). npm packages stay external (loaded from
// node_modules as usual). `npm start`, `npm run trainer` and the CLI scripts then run plain `node` on these files —
// no TypeScript compiler in the process (scripts/run-compiled.cjs); `npm run dev` and the tests keep tsx.
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "dist");

/** Entry points, from the project root without extension. */
const ENTRIES = [
  "server/index",
  "server/trainer/index",
  "server/training/worker",
  "server/training/parallel/gradientWorker",
  "server/sessions/blobWriter.worker",
  "server/cli/train",
  "server/cli/evaluate",
  "server/cli/trainJudge",
  "server/cli/doctor",
];

/** Newest modification time of the sources the bundles are made from (run-compiled.cjs compares it with the stamp). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|cjs|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const dir of ["server", "lib", "generated"]) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  return newest;
}

const STAMP = path.join(OUT, ".build-stamp.json");

async function build({ quiet = false } = {}) {
  const started = Date.now();
  const sources = newestSource();
  // Built beside dist/ and swapped in by renames: a process already running from dist/ (a training run about to start
  // its worker thread) never finds the folder half-written.
  const tmp = `${OUT}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  // Required here, not at the top: run-compiled.cjs loads this file on every start and needs esbuild only to compile.
  await require("esbuild").build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES.map((e) => `${e}.ts`),
    outbase: ".",
    outdir: tmp,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
  fs.writeFileSync(path.join(tmp, ".build-stamp.json"), JSON.stringify({ sources, entries: ENTRIES }));
  const old = `${OUT}.old-${process.pid}`;
  if (fs.existsSync(OUT)) fs.renameSync(OUT, old);
  fs.renameSync(tmp, OUT);
  fs.rmSync(old, { recursive: true, force: true });
  if (!quiet)
    console.log(`server build: ${ENTRIES.length} entries → dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** True when dist/ is missing or older than a source file. */
function stale() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, "utf8"));
    return stamp.sources < newestSource() || ENTRIES.some((e) => !stamp.entries.includes(e));
  } catch {
    return true;
  }
}

module.exports = { build, stale, ENTRIES, OUT };

if (require.main === module) {
  build().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
