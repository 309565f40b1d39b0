import { createAdapter } from "@socket.io/redis-streams-adapter";
import { GALLERY_SAVES_PER_MINUTE } from "../gallery/service";
import { redisRateLimiter } from "../http/rateLimit";
import type { Repositories } from "../repositories/types";
import type { StartJob } from "../scheduler/types";
import type { RoomBroadcaster } from "../sessions/broadcaster";
import { roomName } from "../sessions/broadcaster";
import type { LiveRooms } from "../sessions/liveRooms";
import type { RunRecorder } from "../sessions/runRecorder";
import type { RunRecord } from "../repositories/types";
import type { AppServer } from "../sockets/sessionHandlers";
import { TrainerService } from "../trainer/trainerService";
import { ClusterLeader } from "./clusterLeader";
import { redisCommandBus } from "./commandBus";
import { DistributedRunQueue } from "./distributedRunQueue";
import { keys, redisFactory } from "./redis";
import { RedisPresence } from "./redisPresence";
import { RedisSessionLog } from "./redisSessionLog";
import { trainingQueue } from "./trainingQueue";

export interface DistributedOptions {
  redisUrl: string;
  /** Unique per process (default host:pid:random). */
  processId: string;
  /** EMBEDDED_TRAINER=1: this app server trains too (a small deployment). */
  embeddedTrainer?: { concurrency: number; lockMs: number } | null;
  positionsEveryMs?: number;
  reconcileEveryMs?: number;
}

/**
 * Everything an app server needs in the distributed mode (REDIS_URL set), built in one place: the Redis session
 * log, the BullMQ-backed run queue, the command bus, the cluster leader's chores, presence across servers, the
 * Socket.IO Redis streams adapter — and, with EMBEDDED_TRAINER=1, a trainer in this process.
 */
export function createDistributedParts(
  opts: DistributedOptions,
  ctx: {
    repos: Repositories;
    recorder: RunRecorder;
    startJob: StartJob;
    dataDir?: string;
    float16?: boolean;
    workerProgressIntervalMs?: number;
    log: (msg: string, err?: unknown) => void;
    /** Every run record the embedded trainer writes (the run lifecycle log). */
    onRunChanged?: (run: RunRecord) => void;
  },
) {
  const redis = redisFactory(opts.redisUrl, (name, err) => ctx.log(`redis (${name}): ${err.message}`));
  const ops = redis.connect(`app-ops:${opts.processId}`);
  const log = new RedisSessionLog(redis, ctx.repos, opts.processId, { logError: ctx.log });
  const bus = redisCommandBus(redis, opts.processId, ctx.log);
  const queue = trainingQueue(redis.connect(`queue:${opts.processId}`));
  const trainer = opts.embeddedTrainer
    ? new TrainerService({
        repos: ctx.repos,
        redis,
        log,
        recorder: ctx.recorder,
        startJob: ctx.startJob,
        bus,
        processId: opts.processId,
        concurrency: opts.embeddedTrainer.concurrency,
        lockMs: opts.embeddedTrainer.lockMs,
        dataDir: ctx.dataDir,
        float16: ctx.float16,
        workerProgressIntervalMs: ctx.workerProgressIntervalMs,
        logError: ctx.log,
        onRunChanged: ctx.onRunChanged,
      })
    : null;
  const runQueue = new DistributedRunQueue({
    repos: ctx.repos,
    queue,
    redis: ops,
    bus,
    log,
    processId: opts.processId,
    ...(trainer ? { localActive: () => trainer.activeCount() } : {}),
  });
  const leader = new ClusterLeader({
    repos: ctx.repos,
    queue,
    redis: ops,
    log,
    processId: opts.processId,
    positionsEveryMs: opts.positionsEveryMs,
    reconcileEveryMs: opts.reconcileEveryMs,
    logError: ctx.log,
  });
  let presence: RedisPresence | null = null;

  return {
    log,
    runQueue,
    leader,
    trainer,
    redisStatus: () => ops.status,

    /** Rate limits held across every app server. */
    limiters(sessionCreateLimit: number) {
      return {
        ...(sessionCreateLimit > 0
          ? { sessions: redisRateLimiter(ops, { name: "sessions", max: sessionCreateLimit, windowMs: 60_000 }) }
          : {}),
        gallery: redisRateLimiter(ops, { name: "gallery", max: GALLERY_SAVES_PER_MINUTE, windowMs: 60_000 }),
      };
    },

    presence(io: AppServer, broadcaster: RoomBroadcaster): RedisPresence {
      presence = new RedisPresence({
        redis: ops,
        broadcaster,
        serverId: opts.processId,
        notifyOthers: (sessionId) => io.serverSideEmit("presence:changed", sessionId),
        logError: ctx.log,
      });
      return presence;
    },

    /** Rooms span app servers: the adapter carries presence notices and deletions (never the seq-numbered deltas). */
    attach(io: AppServer, rooms: LiveRooms): void {
      io.adapter(
        createAdapter(redis.connect(`socket-adapter:${opts.processId}`), {
          streamName: keys.socketStream,
          maxLen: 10_000,
        }),
      );
      io.on("presence:changed", (sessionId) => presence?.remoteChanged(sessionId));
      io.on("session:deleted", (sessionId) => rooms.dropSession(sessionId, { fromOtherServer: true }));
    },

    /** This server's viewers of a session whose log history was lost: they reconnect and get a fresh snapshot. */
    resync(io: AppServer, sessionId: string): void {
      io.local.in(roomName(sessionId)).disconnectSockets(false);
    },

    start(): void {
      leader.start();
      trainer?.start();
    },

    async close(): Promise<void> {
      await trainer?.close();
      leader.stop();
      await log.close();
      await bus.close();
      await queue.close();
      await redis.closeAll();
    },
  };
}

export type DistributedParts = ReturnType<typeof createDistributedParts>;
