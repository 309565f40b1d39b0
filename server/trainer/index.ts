/**
 * A trainer process (`npm run trainer`): takes training runs from the BullMQ queue in Redis and trains them with
 * the same worker-thread path as the embedded server, TRAINER_CONCURRENCY at a time. Start as many as you like,
 * on as many machines as you like, all with the same REDIS_URL and DATABASE_URL (PostgreSQL).
 *
 * GET /health on TRAINER_PORT answers { ok, role: "trainer", id, activeRuns, capacity, redis }.
 * SIGTERM / SIGINT: hands its runs back to the queue (another trainer resumes them from their latest checkpoint).
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { loadConfig } from "../config/env";
import { createRepositories } from "../db/client";
import { ClusterLeader } from "../distributed/clusterLeader";
import { redisCommandBus } from "../distributed/commandBus";
import { processId } from "../distributed/processId";
import { redisFactory } from "../distributed/redis";
import { RedisSessionLog } from "../distributed/redisSessionLog";
import { trainingQueue } from "../distributed/trainingQueue";
import { inProcessBlobWriter, threadBlobWriter } from "../sessions/blobWriter";
import { RunRecorder } from "../sessions/runRecorder";
import { closeOnSignals } from "../lifecycle";
import { withBackendNotice } from "../training/backendNotice";
import { configureAllocator } from "../runtime/allocator";
import { memoryReleaser } from "../runtime/memoryRelease";
import { lowerCpuPriority } from "../runtime/priority";
import { startTrainingJob } from "../training/trainingWorker";
import { TrainerService } from "./trainerService";
import { errorLog, logger } from "../logging/logger";

async function main(): Promise<void> {
  const config = loadConfig();
  const info = logger().child({ component: "trainer" });
  info.info(configureAllocator());
  // Before any worker thread starts, so they all inherit it: where a trainer shares a machine with app servers,
  // the viewers' deltas must not wait behind gradient steps.
  info.info(lowerCpuPriority(config.trainerNice));
  if (!config.redisUrl) {
    throw new Error(
      "a trainer takes runs from the shared queue: set REDIS_URL (redis://host:6379) and DATABASE_URL " +
        "(postgresql://…), the same as the app servers'. Without Redis, `npm start` trains in its own process.",
    );
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const id = processId("trainer");
  const log = errorLog(info);
  const repos = await createRepositories(config.databaseUrl);
  const redis = redisFactory(config.redisUrl, (name, err) => log(`redis (${name}): ${err.message}`));
  const sessionLog = new RedisSessionLog(redis, repos, id, { logError: log });
  const blobWriter = threadBlobWriter(config.databaseUrl, inProcessBlobWriter(repos), log);
  // No checkpoint cache: trainers never serve model files. After each run its memory goes back to the system.
  const memory = memoryReleaser();
  const recorder = new RunRecorder(repos, log, blobWriter, undefined, () => memory.releaseSoon());
  const bus = redisCommandBus(redis, id, log);
  const trainer = new TrainerService({
    repos,
    redis,
    log: sessionLog,
    recorder,
    startJob: withBackendNotice(startTrainingJob, (line) => log(line)),
    bus,
    processId: id,
    concurrency: config.trainerConcurrency,
    lockMs: config.trainerLockMs,
    dataDir: config.dataDir,
    float16: config.checkpointFloat16,
    logError: log,
  });
  const queue = trainingQueue(redis.connect(`queue:${id}`));
  const ops = redis.connect(`leader:${id}`);
  const leader = new ClusterLeader({ repos, queue, redis: ops, log: sessionLog, processId: id, logError: log });

  const health = http.createServer((req, res) => {
    if (req.url !== "/health") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "GET /health" }));
      return;
    }
    const body = {
      ok: ops.status === "ready",
      role: "trainer",
      id,
      activeRuns: trainer.activeCount(),
      runs: trainer.heldRuns(),
      capacity: config.trainerConcurrency,
      redis: ops.status,
      leader: leader.isLeader(),
    };
    res.writeHead(body.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => health.listen(config.trainerPort, config.host, resolve));
  trainer.start();
  leader.start();
  info.info(
    `${id} takes up to ${config.trainerConcurrency} run(s) at once; health on ` +
      `http://${config.host}:${(health.address() as AddressInfo).port}/health`,
  );

  closeOnSignals(
    "trainer",
    "handing its runs back to the queue",
    async () => {
      await trainer.close();
      leader.stop();
      await recorder.flushAll();
      await blobWriter.close();
      await bus.close();
      await sessionLog.close();
      await queue.close();
      await redis.closeAll();
      await repos.close();
      health.close();
    },
    20_000,
  );
}

main().catch((err: unknown) => {
  // Plain stderr: the reason may be the environment the logger itself is configured from (LOG_LEVEL).
  console.error("trainer: failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
