import path from "node:path";
import { z } from "zod";
import { DEFAULT_RUN_LIMITS } from "../../lib/budget/limits";
import type { RunLimits } from "../../lib/contracts/limits";
import { sqliteUrlIn } from "../db/databaseUrl";

/**
 * Server configuration from environment variables, validated once at start-up (t3-style: a bad
 * value stops the process with a message naming the variable, instead of failing later).
 */
const flag = z
  .enum(["0", "1", "true", "false"])
  .default("0")
  .transform((v) => v === "1" || v === "true");

/** Exported for the README test (tests/unit/docs/readme.test.ts): its configuration table lists exactly these. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  /** `file:<path>` (SQLite) or `postgres(ql)://...`; defaults to SQLite at DATA_DIR/playground.db. */
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, "DATABASE_URL must start with file:, postgres:// or postgresql://")
    .optional(),
  MAX_CONCURRENT_RUNS: z.coerce.number().int().min(1).max(32).default(1),
  /** Public origin used in share links (e.g. https://vae.example.org); otherwise the request's Host. */
  PUBLIC_URL: z
    .url()
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Sessions one client may create (or fork) per minute; each starts training. 0 = no limit. */
  SESSION_CREATE_LIMIT: z.coerce.number().int().min(0).max(10_000).default(20),
  /** Store checkpoint weights as float16 (half the download for browsers; resume uses the rounded weights). */
  CHECKPOINT_FLOAT16: flag,
  /** Set: distributed mode (app servers and trainers share Redis and PostgreSQL). Unset: one embedded process. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://")
    .optional(),
  /** Distributed mode: this app server trains runs too (for a small deployment). */
  EMBEDDED_TRAINER: flag,
  /** Runs one trainer process trains at once. */
  TRAINER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** A trainer that stops renewing its queue lock for this long loses its runs to another trainer (ms). */
  TRAINER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  /** CPU priority (nice) of a trainer process: training is throughput work, serving sockets is latency work. */
  TRAINER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** Port of a trainer's health endpoint (GET /health); 0 = a free port. */
  TRAINER_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  /** Trust the first X-Forwarded-For address for per-client limits (behind a reverse proxy). */
  TRUST_PROXY: flag,
  /** PostgreSQL connections per process. */
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  // ---- what one visitor may spend (lib/budget/limits.ts explains the defaults; docs/security.md lists them) ----
  /** Trainable parameters of one run's encoder + decoder. */
  MAX_MODEL_PARAMS: z.coerce.number().int().min(10_000).max(1_000_000_000).default(DEFAULT_RUN_LIMITS.maxModelParams),
  /** Estimated peak server memory of one run (MB). */
  MAX_RUN_MEMORY_MB: z.coerce.number().int().min(64).max(1_000_000).default(DEFAULT_RUN_LIMITS.maxRunMemoryMb),
  /** Training images of one run: epochs × train size. */
  MAX_RUN_IMAGES: z.coerce.number().int().min(10).max(1_000_000_000).default(DEFAULT_RUN_LIMITS.maxRunImages),
  /** Runs one client may have waiting, training or paused at once. */
  CLIENT_MAX_ACTIVE_RUNS: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_RUN_LIMITS.clientMaxActiveRuns),
  /** Key of the HMAC that turns a client's address into the hash stored with its runs (unset: a plain sha256). */
  CLIENT_HASH_SECRET: z.string().min(16, "CLIENT_HASH_SECRET must be at least 16 characters").optional(),
  /** Bytes of whole checkpoints the app server keeps in memory for model downloads (MB). */
  CHECKPOINT_CACHE_MB: z.coerce.number().int().min(0).max(100_000).default(256),
  /** Serve the API and Socket.IO only, without the pages. */
  NO_NEXT: flag,
  /** Least severe log line written (server/logging/logger.ts); tests default to "silent". */
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
});

/** "NAME=value must be …" for a refused switch, naming the value as the user typed it. */
const refused = (name: string, rule: string) => (issue: { input?: unknown }) =>
  `${name}=${String(issue.input)} ${rule}`;

/**
 * Training switches. Read where training runs — the app server, trainers, the CLI and their worker threads, which
 * inherit the environment — so they are parsed on their own (`trainingEnv()`): a CLI run needs no server settings.
 * Unset means automatic.
 */
export const TrainingEnvSchema = z.object({
  /** Force a TensorFlow.js backend for training. */
  TFJS_BACKEND: z
    .enum(["tensorflow", "wasm", "cpu"], { error: refused("TFJS_BACKEND", "is not one of tensorflow, wasm, cpu") })
    .optional(),
  /** Gradient worker threads per run (1 = none). */
  TRAIN_WORKERS: z
    .string()
    .refine((v) => /^[1-8]$/.test(v), { error: refused("TRAIN_WORKERS", "must be an integer 1..8") })
    .transform(Number)
    .optional(),
  /** The native kernels: unset = when built, 0 = off, 1 = required. */
  NATIVE_KERNELS: z.enum(["0", "1"], { error: refused("NATIVE_KERNELS", "must be 0 or 1") }).optional(),
});
export type TrainingEnv = z.infer<typeof TrainingEnvSchema>;

type Env = Readonly<Record<string, string | undefined>>;

/** Blank values mean "unset" (docker-compose and CI often pass VAR= for optional values); `trim` also trims the rest. */
function withoutBlanks(env: Env, trim: boolean): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).flatMap(([k, v]) => (v === undefined || v.trim() === "" ? [] : [[k, trim ? v.trim() : v]])),
  );
}

function parseOrThrow<T>(schema: z.ZodType<T>, env: Env, trim = false): T {
  const parsed = schema.safeParse(withoutBlanks(env, trim));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The training switches of `env` (default process.env). Throws naming a bad value. */
export function trainingEnv(env: Env = process.env): TrainingEnv {
  return parseOrThrow(TrainingEnvSchema, env, true);
}

type ServerEnv = z.output<typeof EnvSchema>;

/** One variable of the server schema, parsed on its own: for code that runs without the whole config (CLI, workers). */
export function envValue<K extends keyof ServerEnv>(name: K, env: Env = process.env): ServerEnv[K] {
  const field: z.ZodType = EnvSchema.shape[name];
  const parsed = parseOrThrow(z.object({ [name]: field }), env);
  return parsed[name] as ServerEnv[K]; // that field's output: TypeScript cannot follow a generic key through zod
}

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  maxConcurrentRuns: number;
  publicUrl: string | null;
  dev: boolean;
  checkpointFloat16: boolean;
  /** Sessions per client per minute (POST /api/sessions and forks); 0 = unlimited. */
  sessionCreateLimit: number;
  /** Distributed mode when set. */
  redisUrl: string | null;
  embeddedTrainer: boolean;
  trainerConcurrency: number;
  trainerLockMs: number;
  trainerPort: number;
  trainerNice: number;
  trustProxy: boolean;
  pgPoolSize: number;
  noNext: boolean;
  logLevel: z.infer<typeof EnvSchema.shape.LOG_LEVEL>;
  /** Per-run and per-client budgets (MAX_MODEL_PARAMS, MAX_RUN_MEMORY_MB, MAX_RUN_IMAGES, CLIENT_MAX_ACTIVE_RUNS). */
  limits: RunLimits;
  clientHashSecret: string | null;
  checkpointCacheBytes: number;
}

/** Parses `env` (default process.env). Throws an Error listing every bad variable. */
export function loadConfig(env: Env = process.env): ServerConfig {
  const e = parseOrThrow(EnvSchema, env);
  const dataDir = path.resolve(e.DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? sqliteUrlIn(dataDir);
  if (e.REDIS_URL && databaseUrl.startsWith("file:")) {
    throw new Error(
      "invalid environment:\n  REDIS_URL is set (distributed mode: several app servers and trainers on several machines), " +
        "but DATABASE_URL is SQLite, a file only one machine can use. Point DATABASE_URL at PostgreSQL " +
        "(postgresql://user:pass@host:5432/db), or unset REDIS_URL for the embedded single-process mode.",
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl,
    maxConcurrentRuns: e.MAX_CONCURRENT_RUNS,
    publicUrl: e.PUBLIC_URL ?? null,
    dev: e.NODE_ENV !== "production",
    checkpointFloat16: e.CHECKPOINT_FLOAT16,
    sessionCreateLimit: e.SESSION_CREATE_LIMIT,
    redisUrl: e.REDIS_URL ?? null,
    embeddedTrainer: e.EMBEDDED_TRAINER,
    trainerConcurrency: e.TRAINER_CONCURRENCY,
    trainerLockMs: e.TRAINER_LOCK_MS,
    trainerPort: e.TRAINER_PORT,
    trainerNice: e.TRAINER_NICE,
    trustProxy: e.TRUST_PROXY,
    pgPoolSize: e.PG_POOL_SIZE,
    noNext: e.NO_NEXT,
    logLevel: e.LOG_LEVEL,
    limits: {
      maxModelParams: e.MAX_MODEL_PARAMS,
      maxRunMemoryMb: e.MAX_RUN_MEMORY_MB,
      maxRunImages: e.MAX_RUN_IMAGES,
      clientMaxActiveRuns: e.CLIENT_MAX_ACTIVE_RUNS,
    },
    clientHashSecret: e.CLIENT_HASH_SECRET ?? null,
    checkpointCacheBytes: e.CHECKPOINT_CACHE_MB * 1024 * 1024,
  };
}
