// Runs a compiled entry of dist/ with plain node: `node scripts/run-compiled.cjs server/index [args…]`.
// The process then has the entry's arguments as if started as `node dist/server/index.js args…`.
// dist/ missing or older than the sources (an edit since the last `npm run build`): compiled again first (~1 s),
// so `npm start` and `npm run train` never run stale code. The check stats the sources' files (a few ms).
const path = require("node:path");

const entry = process.argv[2];
if (!entry) {
  console.error("usage: node scripts/run-compiled.cjs <entry, e.g. server/index> [args…]");
  process.exit(2);
}
const builder = require("./build-server.cjs");
if (!builder.ENTRIES.includes(entry)) {
  console.error(`run-compiled: ${entry} is not one of the compiled entries (${builder.ENTRIES.join(", ")})`);
  process.exit(2);
}

function run() {
  const file = path.join(builder.OUT, `${entry}.js`);
  process.argv.splice(1, 2, file);
  require(file);
}

if (builder.stale()) {
  console.error(
    `run-compiled: dist/ is missing or older than the sources, compiling (npm run build does this ahead of time)`,
  );
  builder.build({ quiet: true }).then(run, (e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  run();
}
