// Generates both Prisma clients (generated/prisma-sqlite, generated/prisma-postgres).
// Used by `npm run db:generate` and by postinstall; plain CommonJS so it runs before anything else.
//
// Offline machines: `prisma generate` never runs the schema engine, but the CLI tries to download it
// unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file. We set it only when no real engine is
// present, so a laptop with internet keeps Prisma's official behaviour.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const schemas = ["prisma/schema.prisma", "prisma/postgres/schema.prisma"];

function realEnginePresent() {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return true;
  try {
    const dir = path.dirname(require.resolve("@prisma/engines/package.json", { paths: [root] }));
    return fs.readdirSync(dir).some((f) => f.startsWith("schema-engine"));
  } catch {
    return false;
  }
}

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!realEnginePresent()) env.PRISMA_SCHEMA_ENGINE_BINARY = __filename; // never executed by generate

let cli;
try {
  cli = require.resolve("prisma/build/index.js", { paths: [root] });
} catch {
  console.warn("db-generate: prisma CLI not installed, skipping client generation");
  process.exit(0);
}
for (const schema of schemas) {
  const r = spawnSync(process.execPath, [cli, "generate", "--schema", schema], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`db-generate: prisma generate failed for ${schema}`);
    process.exit(r.status ?? 1);
  }
}
