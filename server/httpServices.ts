import type { DistributedParts } from "./distributed/distributedParts";
import { createGalleryService } from "./gallery/service";
import { createRateLimiter } from "./http/rateLimit";
import type { HttpDeps } from "./http/router";
import type { Repositories } from "./repositories/types";
import type { RunQueue } from "./scheduler/types";
import type { CheckpointCache } from "./sessions/checkpointCache";
import { CheckpointFiles } from "./sessions/checkpointFiles";
import type { LiveRooms } from "./sessions/liveRooms";
import { RunDataService } from "./sessions/runData";
import type { SessionService } from "./sessions/sessionService";
import { ThroughputService } from "./sessions/throughput";

/**
 * The services the HTTP routes call (server/http/router.ts `HttpDeps`), built once per app by createApp: the
 * session use cases, run data, checkpoint files, the gallery (its new and deleted items announced to the session's
 * room), the throughput estimate and health, plus the per-client creation limit.
 */
export function createHttpServices(parts: {
  repos: Repositories;
  sessions: SessionService;
  rooms: LiveRooms;
  scheduler: RunQueue;
  distributed: DistributedParts | null;
  checkpointCache: CheckpointCache;
  config: HttpDeps["config"];
  log: HttpDeps["log"];
}): HttpDeps {
  const { repos, rooms, scheduler, distributed, config } = parts;
  const distributedLimiters = distributed?.limiters(config.sessionCreateLimit);
  return {
    sessions: parts.sessions,
    runData: new RunDataService(repos),
    checkpoints: new CheckpointFiles(repos, parts.checkpointCache),
    gallery: createGalleryService({
      gallery: repos.gallery,
      sessions: repos.sessions,
      checkpoints: repos.checkpoints,
      limiter: distributedLimiters?.gallery,
      events: {
        created: (sessionId, item) => rooms.emitDelta(sessionId, "gallery:created", { item }),
        deleted: (sessionId, itemId) => rooms.emitDelta(sessionId, "gallery:deleted", { itemId }),
      },
    }),
    throughput: new ThroughputService(repos),
    health: () => ({
      ok: true,
      role: "app",
      activeRuns: scheduler.activeCount(),
      ...(distributed
        ? { mode: "distributed", redis: distributed.redisStatus(), leader: distributed.leader.isLeader() }
        : { mode: "embedded" }),
    }),
    config,
    limiters: {
      sessionCreate:
        config.sessionCreateLimit > 0
          ? (distributedLimiters?.sessions ?? createRateLimiter({ max: config.sessionCreateLimit, windowMs: 60_000 }))
          : null,
    },
    log: parts.log,
  };
}
