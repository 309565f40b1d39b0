// Builds the optional native kernels addon (native/kernels: N-API + OpenBLAS) with node-gyp. Training uses it for
// matrix products when it exists (server/training/native/); without it everything runs on tfjs-wasm alone, so
// a failed build never fails the install. Needs a C compiler and OpenBLAS's headers (Debian: libopenblas-dev).
// NATIVE_KERNELS=0 skips the build.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const dir = path.join(__dirname, "..", "native", "kernels");
const built = path.join(dir, "build", "Release", "vae_kernels.node");

function nodeGyp() {
  // npm tells lifecycle scripts where its bundled node-gyp is; otherwise look next to this Node's npm.
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"),
  ];
  return candidates.find((c) => c && fs.existsSync(c)) ?? null;
}

function main() {
  if (process.env.NATIVE_KERNELS === "0") return console.log("native kernels: skipped (NATIVE_KERNELS=0)");
  const gyp = nodeGyp();
  if (!gyp) return console.warn("native kernels: not built (node-gyp not found); training uses tfjs-wasm's matMul");
  const started = Date.now();
  const r = spawnSync(process.execPath, [gyp, "rebuild"], { cwd: dir, encoding: "utf8" });
  if (r.status === 0 && fs.existsSync(built)) {
    return console.log(`native kernels: built ${path.relative(process.cwd(), built)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const why = `${r.stderr ?? ""}${r.stdout ?? ""}`.split("\n").filter((l) => /error|not found|cannot find/i.test(l)).slice(0, 3).join("\n  ");
  console.warn(`native kernels: not built (install OpenBLAS's headers, e.g. apt-get install libopenblas-dev, then npm rebuild or npm run build:native); training uses tfjs-wasm's matMul${why ? `\n  ${why}` : ""}`);
}

main();
