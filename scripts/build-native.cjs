// Builds the optional native addons with node-gyp; a failed build never fails the install.
// - native/kernels (N-API + OpenBLAS): training uses it for matrix products when it exists (server/training/native/);
//   without it everything runs on tfjs-wasm alone. Needs a C compiler and OpenBLAS's headers (Debian: libopenblas-dev).
// - native/memory (N-API, plain C): lets the server hand memory back to the system after a run
//   (server/runtime/allocator.ts); without it the memory still returns to the allocator, not always to the system.
// NATIVE_KERNELS=0 skips both builds.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ADDONS = [
  {
    name: "native kernels",
    dir: path.join(__dirname, "..", "native", "kernels"),
    file: "vae_kernels.node",
    without: "training uses tfjs-wasm's matMul",
    hint: "install OpenBLAS's headers, e.g. apt-get install libopenblas-dev, then npm rebuild or npm run build:native",
  },
  {
    name: "memory addon",
    dir: path.join(__dirname, "..", "native", "memory"),
    file: "vae_memory.node",
    without: "memory freed after a run may stay with the allocator",
    hint: "a C compiler is needed (Debian: build-essential), then npm run build:native",
  },
];

function nodeGyp() {
  // npm tells lifecycle scripts where its bundled node-gyp is; otherwise look next to this Node's npm.
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(
      path.dirname(process.execPath),
      "..",
      "lib",
      "node_modules",
      "npm",
      "node_modules",
      "node-gyp",
      "bin",
      "node-gyp.js",
    ),
  ];
  return candidates.find((c) => c && fs.existsSync(c)) ?? null;
}

function build(gyp, addon) {
  const built = path.join(addon.dir, "build", "Release", addon.file);
  const started = Date.now();
  const r = spawnSync(process.execPath, [gyp, "rebuild"], { cwd: addon.dir, encoding: "utf8" });
  if (r.status === 0 && fs.existsSync(built)) {
    return console.log(
      `${addon.name}: built ${path.relative(process.cwd(), built)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  const why = `${r.stderr ?? ""}${r.stdout ?? ""}`
    .split("\n")
    .filter((l) => /error|not found|cannot find/i.test(l))
    .slice(0, 3)
    .join("\n  ");
  console.warn(`${addon.name}: not built (${addon.hint}); ${addon.without}${why ? `\n  ${why}` : ""}`);
}

function main() {
  if (process.env.NATIVE_KERNELS === "0") return console.log("native addons: skipped (NATIVE_KERNELS=0)");
  const gyp = nodeGyp();
  if (!gyp)
    return console.warn(`native addons: not built (node-gyp not found); ${ADDONS.map((a) => a.without).join("; ")}`);
  for (const addon of ADDONS) build(gyp, addon);
}

main();
