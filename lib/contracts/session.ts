import { z } from "zod";
import { DatasetIdSchema, PresetIdSchema, TrainConfigSchema, TrainOverridesSchema } from "../model/config";
import { IdSchema } from "./ids";
import { CheckpointMetaSchema, GridKindSchema, RunStatusSchema } from "./training";
import { LatentProjectionSchema, MAX_LATENT_POINTS } from "./latent";
import { TitleSchema } from "./title";

/**
 * Wire contract of sessions over HTTP (bodies and responses) and the views HTTP and the socket share
 * (lib/contracts/socket.ts has the Socket.IO events). Every inbound payload is parsed with these schemas at the
 * boundary; TypeScript types derive from them.
 */

/** Runs one session may hold (the seed comparison has two). */
export const MAX_RUNS_PER_SESSION = 4;

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
  id: IdSchema,
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
export const ControlBodySchema = z.object({ action: ControlActionSchema, runId: IdSchema.optional() }).strict();
export type ControlBody = z.infer<typeof ControlBodySchema>;

// ---------- Views shared by HTTP and sockets ----------

export const RunViewSchema = z.object({
  id: IdSchema,
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
  id: IdSchema,
  runId: IdSchema,
  epoch: z.number().int(),
  createdAt: z.string(),
  /** Bytes of the decoder weights (what a browser downloads to play). */
  decoderBytes: z.number().int(),
});
export type CheckpointView = z.infer<typeof CheckpointViewSchema>;

export const SessionViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  dataset: DatasetIdSchema,
  createdAt: z.string(),
  runs: z.array(RunViewSchema),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** Grid metadata; pixels travel as binary (Uint8Array / Buffer) beside it. */
export const GridMetaSchema = z.object({
  runId: IdSchema,
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
  runId: IdSchema,
  epoch: z.number().int().min(1),
  count: z.number().int().min(1).max(MAX_LATENT_POINTS),
  projection: LatentProjectionSchema,
});
export type LatentMeta = z.infer<typeof LatentMetaSchema>;

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

// ---------- HTTP responses (the client parses each with exactly its schema) ----------

/** GET /api/sessions: the newest sessions. */
export const SessionListResponseSchema = z.object({ sessions: z.array(SessionViewSchema) });
export type SessionListResponse = z.infer<typeof SessionListResponseSchema>;

/** GET /api/sessions/:id */
export const SessionDetailResponseSchema = SessionViewSchema.extend({ isOwner: z.boolean() });
export type SessionDetailResponse = z.infer<typeof SessionDetailResponseSchema>;

/** POST /api/sessions/:id/control: the session's runs after the action. */
export const ControlResponseSchema = z.object({ runs: z.array(RunViewSchema) });
export type ControlResponse = z.infer<typeof ControlResponseSchema>;

/** POST /api/sessions/:id/claim (the owner cookie comes with it). */
export const ClaimResponseSchema = z.object({ isOwner: z.literal(true) });
export type ClaimResponse = z.infer<typeof ClaimResponseSchema>;

/** GET /api/sessions/:id/checkpoints?run= */
export const CheckpointListResponseSchema = z.object({ checkpoints: z.array(CheckpointViewSchema) });
export type CheckpointListResponse = z.infer<typeof CheckpointListResponseSchema>;

/**
 * GET /api/sessions/:id/checkpoints/:ckpt/meta.json: an exported model's meta.json (what lib/play/playModel.ts reads,
 * from the server or from an `npm run train --out` folder) and which checkpoint it is.
 */
export const CheckpointMetaResponseSchema = CheckpointMetaSchema.extend({ checkpointId: IdSchema, runId: IdSchema });
export type CheckpointMetaResponse = z.infer<typeof CheckpointMetaResponseSchema>;

/** GET /api/sessions/:id/runs/:runId/grids?epoch=N: one epoch's grids, pixels as base64. */
export const GridsResponseSchema = z.object({
  runId: IdSchema,
  epoch: z.number().int(),
  /** Every epoch of the run that has grids. */
  epochs: z.array(z.number().int()),
  grids: z.array(
    z.object({
      kind: GridKindSchema,
      rows: z.number().int().min(1),
      cols: z.number().int().min(1),
      rowLabels: z.array(z.string()).nullable(),
      pixelsBase64: z.string(),
    }),
  ),
});
export type GridsResponse = z.infer<typeof GridsResponseSchema>;
