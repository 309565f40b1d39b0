// Copies the tfjs wasm binaries into public/ so the browser can fetch them (see README, "Backends").
const fs = require("node:fs");
const path = require("node:path");
try {
  const dist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")) + "/dist";
  const out = path.join(__dirname, "..", "public", "tfjs-wasm");
  fs.mkdirSync(out, { recursive: true });
  for (const f of fs.readdirSync(dist)) if (f.endsWith(".wasm")) fs.copyFileSync(path.join(dist, f), path.join(out, f));
} catch (e) {
  console.warn("postinstall: could not copy tfjs wasm files:", e.message);
}

// Optional: native OpenBLAS matrix products for training (never fails the install; see build-native.cjs).
require("./build-native.cjs");

// Generates the Prisma clients (generated/prisma-sqlite, generated/prisma-postgres); see db-generate.cjs.
// A failure fails the install: without the clients the server cannot start.
require("./db-generate.cjs");
