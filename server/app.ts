import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerConfig } from "./config/env";
import { createRouter, type Route } from "./http/router";
import { apiRoutes } from "./http/routes";
import { readableRequestUrl } from "./http/requestUrl";
import { SECURITY_HEADERS, setSecurityHeaders } from "./http/securityHeaders";
import type { Repositories } from "./repositories/types";
import { Scheduler } from "./scheduler/scheduler";
import type { RunQueue, StartJob } from "./scheduler/types";
import { createDistributedParts, type DistributedOptions, type DistributedParts } from "./distributed/distributedParts";
import { DEFAULT_RUN_LIMITS } from "../lib/budget/limits";
import { CheckpointCache } from "./sessions/checkpointCache";
import { RunBudget } from "./sessions/runBudget";
import { memoryReleaser, type MemoryReleaser } from "./runtime/memoryRelease";
import type { BlobWriter } from "./sessions/blobWriter";
import { LiveRooms } from "./sessions/liveRooms";
import { RunRecorder } from "./sessions/runRecorder";
import { SessionService } from "./sessions/sessionService";
import { sendRefusal } from "./http/respond";
import { createSocketServer, registerSocketHandlers, socketBroadcaster } from "./sockets";
import type { AppServer } from "./sockets/sessionHandlers";
import { componentLog, logger } from "./logging/logger";
import { logRequest } from "./logging/requestLog";
import { runLifecycleLog, withRunLog } from "./logging/runLifecycle";
import { createHttpServices } from "./httpServices";

/** Next's request handler (`next({ dev }).getRequestHandler()`), or null for API-only (tests). */
/** Sessions one client may create (or fork) a minute when the config does not say (SESSION_CREATE_LIMIT's default). */
const DEFAULT_SESSION_CREATE_LIMIT = 20;

export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

export interface CreateAppOptions {
  repos: Repositories;
  startJob: StartJob;
  config: Pick<ServerConfig, "maxConcurrentRuns" | "dataDir" | "publicUrl"> &
    Partial<
      Pick<ServerConfig, "sessionCreateLimit" | "limits" | "clientHashSecret" | "checkpointCacheBytes" | "trustProxy">
    >;
  next?: NextHandler | null;
  /** Room throttle for step progress (default 100 ms = 10 per second per room). */
  progressIntervalMs?: number;
  /** Progress interval inside the training worker (default: the worker's own, 100 ms). */
  workerProgressIntervalMs?: number;
  float16?: boolean;
  /** Where checkpoint weights and grids are written (default: through `repos` on the main thread). Closed by `close()`. */
  blobWriter?: BlobWriter;
  /** Extra API routes (tests); production routes belong in server/http/routes.ts. */
  extraRoutes?: Route[];
  log?: (msg: string, err?: unknown) => void;
  /** What runs after every run to give its memory back (default: a full GC, then malloc_trim; tests pass their own). */
  memoryReleaser?: MemoryReleaser;
  /** REDIS_URL set: share the queue, the session logs and the rooms with other processes (server/distributed/). */
  distributed?: DistributedOptions | null;
}

export interface App {
  httpServer: http.Server;
  io: AppServer;
  scheduler: RunQueue;
  rooms: LiveRooms;
  /** Distributed mode only. */
  distributed: DistributedParts | null;
  sessions: SessionService;
  /** Recovers interrupted runs, then listens. Resolves with the bound port (pass 0 for a random one). */
  listen(port: number, host?: string): Promise<number>;
  /** Graceful: stop workers (runs stay resumable), flush writes, close sockets and HTTP. Repos stay open. */
  close(): Promise<void>;
}

/**
 * Wires the app server: repositories -> recorder / rooms / scheduler / session service -> HTTP
 * routes + Socket.IO handlers on one http.Server; everything that is not /api or /socket.io goes to Next.
 */
export function createApp(opts: CreateAppOptions): App {
  const log = opts.log ?? componentLog("app");
  const logRun = runLifecycleLog(logger().child({ component: "runs" }));
  const { repos } = opts;

  const checkpointCache = new CheckpointCache(opts.config.checkpointCacheBytes);
  const memory = opts.memoryReleaser ?? memoryReleaser();
  const recorder = new RunRecorder(repos, log, opts.blobWriter, checkpointCache, () => memory.releaseSoon());
  const httpServer = http.createServer();
  const io = createSocketServer();
  const broadcaster = socketBroadcaster(io);
  const distributed = opts.distributed
    ? createDistributedParts(opts.distributed, {
        repos,
        recorder,
        startJob: opts.startJob,
        dataDir: opts.config.dataDir,
        float16: opts.float16,
        workerProgressIntervalMs: opts.workerProgressIntervalMs,
        log,
        onRunChanged: logRun,
      })
    : null;
  let scheduler: RunQueue | null = distributed?.runQueue ?? null;
  const rooms = new LiveRooms({
    repos,
    recorder,
    broadcaster,
    queuePosition: (runId) => scheduler?.queuePosition(runId),
    refreshPositions: () => scheduler?.refreshPositions() ?? Promise.resolve(),
    progressIntervalMs: opts.progressIntervalMs,
    logError: log,
    ...(distributed
      ? {
          log: distributed.log,
          presence: distributed.presence(io, broadcaster),
          publisher: null, // trainers publish
          resync: (sessionId: string) => distributed.resync(io, sessionId),
          shareDrop: (sessionId: string) => io.serverSideEmit("session:deleted", sessionId),
        }
      : {}),
  });
  distributed?.attach(io, rooms);
  scheduler ??= new Scheduler({
    repos,
    startJob: opts.startJob,
    sink: withRunLog(rooms, logRun),
    maxConcurrentRuns: opts.config.maxConcurrentRuns,
    dataDir: opts.config.dataDir,
    progressIntervalMs: opts.workerProgressIntervalMs,
    float16: opts.float16,
    log,
  });
  const sched = scheduler;
  const limits = opts.config.limits ?? DEFAULT_RUN_LIMITS;
  const sessionCreateLimit = opts.config.sessionCreateLimit ?? DEFAULT_SESSION_CREATE_LIMIT;
  const sessions = new SessionService({ repos, scheduler, rooms, recorder, budget: new RunBudget(repos, limits) });

  const deps = createHttpServices({
    repos,
    sessions,
    rooms,
    scheduler: sched,
    distributed,
    checkpointCache,
    config: {
      publicUrl: opts.config.publicUrl,
      sessionCreateLimit,
      limits,
      clientHashSecret: opts.config.clientHashSecret ?? null,
      trustProxy: opts.config.trustProxy ?? false,
    },
    log,
  });
  const api = createRouter([...apiRoutes(), ...(opts.extraRoutes ?? [])], deps);
  const next = opts.next ?? null;

  // Registered before Socket.IO attaches: engine.io wraps existing listeners and keeps /socket.io for itself.
  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    logRequest(req, res);
    void (async () => {
      try {
        if (!readableRequestUrl(req, res)) return; // neither the API router nor Next could read it: 400
        if (await api(req, res)) return;
        if (next) await next(req, res);
        else sendRefusal(res, "not_found", "not found (API-only server)");
      } catch (err) {
        log("http: request failed", err);
        if (!res.headersSent) sendRefusal(res, "internal", "internal error");
        else res.destroy();
      }
    })();
  });
  // After our listener exists, so engine.io intercepts /socket.io before it (see createSocketServer).
  io.attach(httpServer);
  // Socket.IO answers /socket.io itself (polling, handshake errors): the same headers there.
  io.engine.on("initial_headers", (headers: Record<string, string>) => Object.assign(headers, SECURITY_HEADERS));
  io.engine.on("headers", (headers: Record<string, string>) => Object.assign(headers, SECURITY_HEADERS));
  registerSocketHandlers(io, { sessions, rooms, log, publicUrl: opts.config.publicUrl });

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    io,
    scheduler: sched,
    rooms,
    distributed,
    sessions,
    async listen(port, host) {
      await sched.recover();
      distributed?.start();
      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          resolve();
        });
      });
      return (httpServer.address() as AddressInfo).port;
    },
    close() {
      closing ??= (async () => {
        await sched.shutdown();
        await distributed?.trainer?.close();
        await recorder.flushAll();
        await rooms.close();
        await distributed?.close();
        await opts.blobWriter?.close();
        memory.close();
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => {
          void io.close(() => resolve());
          httpServer.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
