import { z } from "zod";
import { DatasetIdSchema, PresetIdSchema, TrainConfigSchema, TrainOverridesSchema } from "../model/config";
import { EpochMetricsSchema, GridKindSchema, ProgressSchema, RunStatusSchema } from "./training";
import type { RunEvaluationView } from "./comparison";
import { LatentProjectionSchema, MAX_LATENT_POINTS } from "./latent";
import type { GalleryItemView } from "./gallery";
import type { WireError } from "./errors";
import { TitleSchema } from "./title";

/**
 * Wire contract between browser and app server: HTTP bodies and Socket.IO events.
 * Every inbound payload is parsed with these schemas at the boundary; TypeScript types derive from them.
 */

export const PROTOCOL_VERSION = 1;

/** Runs one session may hold (the seed comparison has two). */
export const MAX_RUNS_PER_SESSION = 4;

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids are letters, digits, _ and -");

// ---------- HTTP ----------

/** POST /api/sessions */
export const CreateSessionBodySchema = z
  .object({
    /** Normalised (lib/contracts/title.ts): control and bidi characters removed. */
    title: TitleSchema.optional(),
    /** One run per entry; the "seed comparison" is two runs (vae-seed + cvae-label). */
    runs: z
      .array(z.object({ preset: PresetIdSchema, overrides: TrainOverridesSchema.default({}) }).strict())
      .min(1, "a session needs at least one run")
      .max(MAX_RUNS_PER_SESSION, `at most ${MAX_RUNS_PER_SESSION} runs per session`),
    dataset: DatasetIdSchema.default("mnist"),
    /** Start training right away (default) or leave the runs queued for the owner to start. */
    autostart: z.boolean().default(true),
  })
  .strict();
export type CreateSessionBody = z.infer<typeof CreateSessionBodySchema>;

export const CreateSessionResponseSchema = z.object({
  id,
  shareUrl: z.string(),
  /** Contains the owner token: shown once, keep it private. */
  controlUrl: z.string(),
  ownerToken: z.string(),
});
export type CreateSessionResponse = z.infer<typeof CreateSessionResponseSchema>;

export const CONTROL_ACTIONS = ["start", "pause", "resume", "stop", "delete"] as const;
export const ControlActionSchema = z.enum(CONTROL_ACTIONS);
export type ControlAction = z.infer<typeof ControlActionSchema>;

/** POST /api/sessions/:id/control (Authorization: Bearer <owner token>, or the owner cookie) */
export const ControlBodySchema = z.object({ action: ControlActionSchema, runId: id.optional() }).strict();
export type ControlBody = z.infer<typeof ControlBodySchema>;

// ---------- Views shared by HTTP and sockets ----------

export const RunViewSchema = z.object({
  id,
  index: z.number().int(),
  preset: PresetIdSchema,
  config: TrainConfigSchema,
  status: RunStatusSchema,
  /** 1-based position in the server's queue when status is "queued". */
  queuePosition: z.number().int().optional(),
  backend: z.string().optional(),
  error: z.string().optional(),
  createdAt: z.string(),
});
export type RunView = z.infer<typeof RunViewSchema>;

export const StepPointSchema = z.object({
  globalStep: z.number().int(),
  epoch: z.number().int(),
  loss: z.number(),
  recon: z.number(),
  kl: z.number(),
});
export type StepPoint = z.infer<typeof StepPointSchema>;

export const CheckpointViewSchema = z.object({
  id,
  runId: id,
  epoch: z.number().int(),
  createdAt: z.string(),
  /** Bytes of the decoder weights (what a browser downloads to play). */
  decoderBytes: z.number().int(),
});
export type CheckpointView = z.infer<typeof CheckpointViewSchema>;

export const SessionViewSchema = z.object({
  id,
  title: z.string(),
  dataset: DatasetIdSchema,
  createdAt: z.string(),
  runs: z.array(RunViewSchema),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** Grid metadata; pixels travel as binary (Uint8Array / Buffer) beside it. */
export const GridMetaSchema = z.object({
  runId: id,
  epoch: z.number().int(),
  kind: GridKindSchema,
  rows: z.number().int(),
  cols: z.number().int(),
  rowLabels: z.array(z.string()).optional(),
});

/**
 * Latent scatter metadata (lib/contracts/latent.ts); `points` (Float32Array, 2 · count) and `labels` (Uint8Array,
 * count) travel as binary beside it.
 */
export const LatentMetaSchema = z.object({
  runId: id,
  epoch: z.number().int().min(1),
  count: z.number().int().min(1).max(MAX_LATENT_POINTS),
  projection: LatentProjectionSchema,
});
export type LatentMeta = z.infer<typeof LatentMetaSchema>;
export type WireLatent = LatentMeta & { points: Float32Array; labels: Uint8Array };

/** GET /api/sessions/:id/runs/:runId/latent?epoch=N: one epoch's scatter, points as base64 of float32 little-endian. */
export const LatentEpochResponseSchema = LatentMetaSchema.extend({
  /** Every epoch of the run that has a scatter. */
  epochs: z.array(z.number().int()),
  pointsBase64: z.string(),
  labelsBase64: z.string(),
});
export type LatentEpochResponse = z.infer<typeof LatentEpochResponseSchema>;

/**
 * Epochs of latent scatter a room keeps per run and a snapshot carries (~18 KB each at 2,000 points): a run of up
 * to this many epochs reaches a late joiner whole; older epochs of longer runs load over HTTP when the slider asks.
 */
export const SNAPSHOT_LATENT_EPOCHS = 20;

/** What a joining client receives once: everything so far. Deltas follow as events. */
export interface SessionSnapshot {
  session: SessionView;
  /** Per run: all epoch metrics, downsampled step points, the latest progress, checkpoints. */
  runs: Record<
    string,
    {
      epochs: z.infer<typeof EpochMetricsSchema>[];
      steps: StepPoint[];
      progress: z.infer<typeof ProgressSchema> | null;
      checkpoints: CheckpointView[];
      /** The finished run's evaluation (its line of the comparison table), null until it has one. */
      evaluation: RunEvaluationView | null;
    }
  >;
  /** Latest grid of each kind per run; older epochs are fetched over HTTP for the epoch slider. */
  grids: (z.infer<typeof GridMetaSchema> & { pixels: Uint8Array })[];
  /** Epochs for which grids exist, per run (for the epoch slider). */
  gridEpochs: Record<string, number[]>;
  /** Latent scatters of the newest SNAPSHOT_LATENT_EPOCHS epochs per run, ascending by epoch within a run. */
  latent: WireLatent[];
  /** Epochs that have a latent scatter, per run (for the scatter's epoch slider). */
  latentEpochs: Record<string, number[]>;
  viewers: number;
  isOwner: boolean;
  /** Sequence number of the last delta included in this snapshot (deltas carry seq; drop seq <= this). */
  seq: number;
}

// ---------- Socket.IO ----------

export const JoinPayloadSchema = z
  .object({ sessionId: id, protocol: z.literal(PROTOCOL_VERSION), ownerToken: z.string().max(200).optional() })
  .strict();
export const LeavePayloadSchema = z.object({ sessionId: id }).strict();
export const SocketControlPayloadSchema = z
  .object({
    sessionId: id,
    action: ControlActionSchema,
    runId: id.optional(),
    ownerToken: z.string().max(200).optional(),
  })
  .strict();

/** A socket ack: the data, or the error contract of lib/contracts/errors.ts. */
export type Response<T> = { error: WireError } | { data: T };

export interface ClientToServerEvents {
  "session:join": (payload: unknown, ack: (res: Response<SessionSnapshot>) => void) => void;
  "session:leave": (payload: unknown, ack?: (res: Response<true>) => void) => void;
  "session:control": (payload: unknown, ack: (res: Response<RunView[]>) => void) => void;
}

/** Every delta carries the room's monotonically increasing `seq`. */
export interface ServerToClientEvents {
  /** `sentAt`: server clock (ms since epoch) when the delta left, for latency measurements. */
  "run:progress": (p: { seq: number; runId: string; sentAt?: number } & z.infer<typeof ProgressSchema>) => void;
  "run:epoch": (p: { seq: number; runId: string } & z.infer<typeof EpochMetricsSchema>) => void;
  "run:samples": (p: { seq: number; grids: (z.infer<typeof GridMetaSchema> & { pixels: Uint8Array })[] }) => void;
  "run:checkpoint": (p: { seq: number } & CheckpointView) => void;
  /** One epoch's latent scatter of a run (binary points and labels). */
  "run:latent": (p: { seq: number } & WireLatent) => void;
  /** A finished run's evaluation. */
  "run:evaluation": (p: { seq: number } & RunEvaluationView) => void;
  "run:status": (p: { seq: number; run: RunView }) => void;
  "presence:updated": (p: { viewers: number }) => void;
  "session:deleted": (p: { sessionId: string }) => void;
  "gallery:created": (p: { seq: number; item: GalleryItemView }) => void;
  "gallery:deleted": (p: { seq: number; itemId: string }) => void;
}
