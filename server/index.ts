/**
 * The app server entry: one Node process serving Next.js (App Router), the JSON API and Socket.IO on
 * one port. `next start` cannot host Socket.IO, hence this custom server (run with tsx).
 *
 *   npm run dev    NODE_ENV=development: Next dev server with HMR
 *   npm start      NODE_ENV=production: migrations, `next build` when .next/BUILD_ID is missing, serve
 *
 * Env: validated in server/config/env.ts (REDIS_URL switches to the distributed mode: server/distributed/).
 * NO_NEXT=1 serves the API and sockets only.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createApp, type NextHandler } from "./app";
import { loadConfig, type ServerConfig } from "./config/env";
import { createRepositories } from "./db/client";
import { inProcessBlobWriter, threadBlobWriter } from "./sessions/blobWriter";
import { processId } from "./distributed/processId";
import { closeOnSignals } from "./lifecycle";
import { logger } from "./logging/logger";
import { withBackendNotice } from "./training/backendNotice";
import { configureAllocator } from "./runtime/allocator";
import { startTrainingJob } from "./training/trainingWorker";
import { projectRoot } from "./runtime/projectRoot";

const ROOT = projectRoot();
const log = logger().child({ component: "server" });

/** Production start without a build (fresh clone, CI): build once, visibly. */
function ensureNextBuild(): void {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  log.info("no Next build found (.next/BUILD_ID), running `next build` once…");
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

async function startNext(config: ServerConfig): Promise<{ handler: NextHandler; close: () => Promise<void> }> {
  if (!config.dev) ensureNextBuild();
  // Loaded lazily: API-only mode (NO_NEXT=1) must not pay for Next's start-up.
  const { default: next } = await import("next");
  const nextApp = next({ dev: config.dev, dir: ROOT, hostname: config.host, port: config.port });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();
  return { handler: (req, res) => handle(req, res), close: () => nextApp.close() };
}

async function main(): Promise<void> {
  const config = loadConfig();
  log.info(configureAllocator()); // before anything big is allocated
  fs.mkdirSync(config.dataDir, { recursive: true });
  const repos = await createRepositories(config.databaseUrl); // applies pending migrations
  const nextServer = config.noNext ? null : await startNext(config);

  const app = createApp({
    repos,
    startJob: withBackendNotice(startTrainingJob, (line) => log.info(line)),
    config,
    distributed: config.redisUrl
      ? {
          redisUrl: config.redisUrl,
          processId: processId("app"),
          embeddedTrainer: config.embeddedTrainer
            ? { concurrency: config.trainerConcurrency, lockMs: config.trainerLockMs }
            : null,
        }
      : null,
    next: nextServer?.handler ?? null,
    float16: config.checkpointFloat16,
    // Checkpoint weights and grids are written from a worker thread so viewers' streams do not freeze each epoch.
    blobWriter: threadBlobWriter(config.databaseUrl, inProcessBlobWriter(repos)),
  });
  const port = await app.listen(config.port, config.host);
  const mode = config.redisUrl
    ? `distributed: queue and rooms on Redis${config.embeddedTrainer ? `, trains ${config.trainerConcurrency} run(s) here too` : ", trainers train"}`
    : `max ${config.maxConcurrentRuns} concurrent run(s)`;
  log.info(
    `${config.dev ? "development" : "production"} on http://${config.host}:${port} ` +
      `(db ${config.databaseUrl.startsWith("file:") ? config.databaseUrl : "postgresql"}, ${mode}${nextServer ? "" : ", API only"})`,
  );

  closeOnSignals("server", "shutting down (running runs resume at the next start)", async () => {
    await app.close();
    await nextServer?.close().catch(() => undefined);
    await repos.close();
  });
}

main().catch((err: unknown) => {
  // Plain stderr: the reason may be the environment the logger itself is configured from (LOG_LEVEL).
  console.error("server: failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
