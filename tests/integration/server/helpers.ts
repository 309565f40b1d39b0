import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import type {
  ClientToServerEvents,
  Response,
  ServerToClientEvents,
  SessionSnapshot,
} from "../../../lib/contracts/socket";
import type { RunLimits } from "../../../lib/contracts/limits";
import type { TrainOverrides } from "../../../lib/model/config";
import { socketParser } from "../../../app/client/socketParser";
import { createApp, type App } from "../../../server/app";
import { createRepositories } from "../../../server/db/client";
import type { Repositories } from "../../../server/repositories/types";
import type { StartJob } from "../../../server/scheduler/types";
import { inProcessBlobWriter, threadBlobWriter } from "../../../server/sessions/blobWriter";
import { startTrainingJob } from "../../../server/training/trainingWorker";
import { createTempPgDatabase, PG_SKIP_MESSAGE, TEST_PG_URL } from "../db/pgTestDatabase";

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Shared data folder for the MNIST md5 stamp (so every test does not re-hash 55 MB). */
export const dataDir = path.join(os.tmpdir(), "vae-server-it-data");
fs.mkdirSync(dataDir, { recursive: true });

/** Runs of a few hundred images and tiny layers: ~0.1–0.5 s per epoch on wasm. */
export const tinyOverrides = (over: TrainOverrides = {}): TrainOverrides => ({
  trainSize: 200,
  testSize: 100,
  batchSize: 50,
  epochs: 2,
  encoderHidden: [32],
  decoderHidden: [32],
  latentDim: 4,
  ...over,
});

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** The databases the server suites run against: SQLite always, PostgreSQL when TEST_DATABASE_URL_PG is set. */
export const databases: { name: string; skip?: string; create: () => Promise<TestDatabase> }[] = [
  {
    name: "SQLite",
    async create() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-server-it-"));
      return {
        url: `file:${path.join(dir, "test.db")}`,
        drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  TEST_PG_URL
    ? { name: "PostgreSQL", create: () => createTempPgDatabase(TEST_PG_URL!) }
    : { name: "PostgreSQL", skip: PG_SKIP_MESSAGE, create: () => Promise.reject(new Error("skipped")) },
];

export interface Running {
  app: App;
  repos: Repositories;
  base: string;
  port: number;
  /** Closes the app and its repositories (not the database). */
  stop(): Promise<void>;
}

type ServerOptions = Parameters<typeof startServer>[0];

/** A server on a fresh database of `db`; `close` stops it and drops the database. */
export async function startServerOn(
  db: (typeof databases)[number],
  opts: Omit<ServerOptions, "databaseUrl"> = {},
): Promise<Running & { close(): Promise<void> }> {
  const database = await db.create();
  const server = await startServer({ ...opts, databaseUrl: database.url });
  return {
    ...server,
    async close() {
      await server.stop();
      await database.drop();
    },
  };
}

export async function startServer(opts: {
  databaseUrl: string;
  maxConcurrentRuns?: number;
  startJob?: StartJob;
  progressIntervalMs?: number;
  workerProgressIntervalMs?: number;
  /** Write checkpoints from a worker thread, as server/index.ts does (default true). */
  threadWriter?: boolean;
  /** SESSION_CREATE_LIMIT (default: the server's default). */
  sessionCreateLimit?: number;
  /** Budgets (default: lib/budget/limits.ts's defaults). */
  limits?: RunLimits;
  /** Where the server logs (default: nowhere). */
  log?: (msg: string, err?: unknown) => void;
}): Promise<Running> {
  const repos = await createRepositories(opts.databaseUrl);
  const fail = (m: string, e?: unknown) => console.error(`[test server] ${m}`, e ?? "");
  const app = createApp({
    repos,
    startJob: opts.startJob ?? startTrainingJob,
    config: {
      maxConcurrentRuns: opts.maxConcurrentRuns ?? 1,
      dataDir,
      publicUrl: null,
      ...(opts.sessionCreateLimit !== undefined ? { sessionCreateLimit: opts.sessionCreateLimit } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
    },
    next: null,
    progressIntervalMs: opts.progressIntervalMs,
    workerProgressIntervalMs: opts.workerProgressIntervalMs,
    blobWriter:
      opts.threadWriter === false ? undefined : threadBlobWriter(opts.databaseUrl, inProcessBlobWriter(repos), fail),
    log: opts.log ?? (() => {}),
  });
  const port = await app.listen(0, "127.0.0.1");
  let stopped = false;
  return {
    app,
    repos,
    port,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await repos.close();
    },
  };
}

export function client(base: string, opts: { cookie?: string; origin?: string } = {}): Client {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  return connect(base, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
    parser: socketParser,
  });
}

export function connected(socket: Client): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

/** Emits with an ack and resolves with the ack's value. */
export function request<T>(
  socket: Client,
  event: keyof ClientToServerEvents,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<Response<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), timeoutMs);
    (socket.emit as (ev: string, p: unknown, ack: (r: Response<T>) => void) => void)(event, payload, (res) => {
      clearTimeout(timer);
      resolve(res);
    });
  });
}

export async function join(socket: Client, sessionId: string, ownerToken?: string): Promise<SessionSnapshot> {
  await connected(socket);
  const res = await request<SessionSnapshot>(socket, "session:join", {
    sessionId,
    protocol: 1,
    ...(ownerToken ? { ownerToken } : {}),
  });
  if ("error" in res) throw new Error(`join failed: ${res.error.message}`);
  return res.data;
}

export async function createSession(
  base: string,
  body: Record<string, unknown>,
): Promise<{ id: string; ownerToken: string; cookie: string; shareUrl: string; controlUrl: string }> {
  const r = await fetch(`${base}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${await r.text()}`);
  const json = (await r.json()) as { id: string; ownerToken: string; shareUrl: string; controlUrl: string };
  const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { ...json, cookie };
}

export async function waitUntil(
  cond: () => boolean | Promise<boolean>,
  ms = 60_000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function runStatus(base: string, sessionId: string): Promise<string[]> {
  const r = await fetch(`${base}/api/sessions/${sessionId}`);
  const body = (await r.json()) as { runs: { status: string }[] };
  return body.runs.map((x) => x.status);
}

/** Waits until the session's first run is done; resolves with its id. */
export async function firstRunDone(base: string, sessionId: string, ms: number, what: string): Promise<string> {
  let runId = "";
  await waitUntil(
    async () => {
      const v = (await (await fetch(`${base}/api/sessions/${sessionId}`)).json()) as {
        runs: { id: string; status: string }[];
      };
      runId = v.runs[0]!.id;
      return v.runs[0]!.status === "done";
    },
    ms,
    what,
  );
  return runId;
}

/**
 * An HTTP request from a given local address (127.0.0.1, 127.0.0.2, …: every 127/8 address reaches the loopback
 * server), so one test can be several clients as the server's per-client limits and fair queue see them.
 */
export function requestFrom(
  localAddress: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: () => unknown; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      { method, localAddress, headers: payload ? { "content-type": "application/json" } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** A training job that never trains: it ends when stopped, paused and resumed on command (scheduling tests). */
export function idleStartJob(): { start: StartJob; started: string[] } {
  const started: string[] = [];
  const start: StartJob = (config) => {
    started.push(`${JSON.stringify(config.encoderHidden)}${config.seed}`);
    let finish!: (r: { lastEpoch: number; stopped: boolean }) => void;
    const done = new Promise<{ lastEpoch: number; stopped: boolean }>((r) => (finish = r));
    return {
      done,
      pause() {},
      resume() {},
      stop: () => finish({ lastEpoch: 0, stopped: true }),
      terminate: async () => finish({ lastEpoch: 0, stopped: true }),
    };
  };
  return { start, started };
}
