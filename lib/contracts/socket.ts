import { z } from "zod";
import { BytesSchema, Float32Schema } from "./binary";
import { RunEvaluationViewSchema } from "./comparison";
import { ErrorBodySchema, type WireError } from "./errors";
import { GalleryItemViewSchema } from "./gallery";
import { IdSchema } from "./ids";
import {
  CheckpointViewSchema,
  ControlActionSchema,
  GridMetaSchema,
  LatentMetaSchema,
  RunViewSchema,
  SessionViewSchema,
  StepPointSchema,
} from "./session";
import { EpochMetricsSchema, ProgressSchema } from "./training";

/**
 * The Socket.IO contract: what the browser sends (commands with acks) and what the server sends (a snapshot in the
 * join ack, then seq-numbered deltas, and a few signals without seq). Every shape is a zod schema here; the event maps
 * Socket.IO's `Server` and the clients are typed with are derived from them. The server emits `z.input` (binary parts
 * as typed arrays), the browser parses what arrives to `z.output` (binary parts as typed arrays whatever the transport
 * delivered: ArrayBuffer in browsers, Buffer in Node).
 */

export const PROTOCOL_VERSION = 1 as const;

// ---------- binary views ----------

/** A sample grid: metadata and its pixels (rows · cols · 784 bytes). */
export const GridSchema = GridMetaSchema.extend({ pixels: BytesSchema });
export type WireGrid = z.output<typeof GridSchema>;

const LatentFields = LatentMetaSchema.extend({ points: Float32Schema, labels: BytesSchema });
const latentShape = (l: z.output<typeof LatentFields>) =>
  l.points.length === 2 * l.count && l.labels.length === l.count;
const LATENT_SHAPE = "a scatter has 2 · count coordinates and count labels";

/** One epoch's latent scatter: points (x, y interleaved, float32) and labels (one byte each). */
export const LatentSchema = LatentFields.refine(latentShape, LATENT_SHAPE);
export type WireLatent = z.output<typeof LatentSchema>;

// ---------- the snapshot (the join ack's data) ----------

export const RunSnapshotSchema = z.object({
  epochs: z.array(EpochMetricsSchema),
  /** Downsampled step points. */
  steps: z.array(StepPointSchema),
  progress: ProgressSchema.nullable(),
  checkpoints: z.array(CheckpointViewSchema),
  /** The finished run's evaluation (its line of the comparison table), null until it has one. */
  evaluation: RunEvaluationViewSchema.nullable().default(null),
});

/** What a joining client receives once: everything so far. Deltas follow as events. */
export const SessionSnapshotSchema = z.object({
  session: SessionViewSchema,
  /** Per run id. */
  runs: z.record(z.string(), RunSnapshotSchema),
  /** Latest grid of each kind per run; older epochs are fetched over HTTP for the epoch slider. */
  grids: z.array(GridSchema),
  /** Epochs for which grids exist, per run (for the epoch slider). */
  gridEpochs: z.record(z.string(), z.array(z.number().int())),
  /** Latent scatters of the newest SNAPSHOT_LATENT_EPOCHS epochs per run, ascending by epoch within a run. */
  latent: z.array(LatentSchema).default([]),
  /** Epochs that have a latent scatter, per run (for the scatter's epoch slider). */
  latentEpochs: z.record(z.string(), z.array(z.number().int())).default({}),
  viewers: z.number().int().min(0),
  isOwner: z.boolean(),
  /** Sequence number of the last delta included in this snapshot (deltas carry seq; drop seq <= this). */
  seq: z.number().int().min(0),
});
/**
 * The snapshot whole: as the server builds it, and as a client holds it after parsing (binary parts as typed arrays,
 * defaults filled in). What the join ack accepts on the wire is the wider z.input.
 */
export type SessionSnapshot = z.output<typeof SessionSnapshotSchema>;

// ---------- server -> client ----------

const seq = z.number().int().min(0);

/** Every delta carries the session log's `seq` (server/sessions/sessionLog.ts): no gaps, no duplicates. */
export const DeltaSchemas = {
  /** `sentAt`: server clock (ms since epoch) when the delta left, for latency measurements. */
  "run:progress": ProgressSchema.extend({ seq, runId: IdSchema, sentAt: z.number().optional() }),
  "run:epoch": EpochMetricsSchema.extend({ seq, runId: IdSchema }),
  "run:samples": z.object({ seq, grids: z.array(GridSchema) }),
  "run:checkpoint": CheckpointViewSchema.extend({ seq }),
  /** One epoch's latent scatter of a run (binary points and labels). */
  "run:latent": LatentFields.extend({ seq }).refine(latentShape, LATENT_SHAPE),
  /** A finished run's evaluation. */
  "run:evaluation": RunEvaluationViewSchema.extend({ seq }),
  "run:status": z.object({ seq, run: RunViewSchema }),
  "gallery:created": z.object({ seq, item: GalleryItemViewSchema }),
  "gallery:deleted": z.object({ seq, itemId: IdSchema }),
} as const;
export type DeltaEvent = keyof typeof DeltaSchemas;
export const DELTA_EVENTS = Object.keys(DeltaSchemas) as DeltaEvent[];
/** A delta as the server holds it (its log entries' payloads, without the seq the log adds). */
export type DeltaPayload<E extends DeltaEvent> = Omit<z.output<(typeof DeltaSchemas)[E]>, "seq">;

/** Room-wide signals without seq: they are not part of the session's history. */
export const SignalSchemas = {
  "presence:updated": z.object({ viewers: z.number().int().min(0) }),
  "session:deleted": z.object({ sessionId: IdSchema }),
} as const;

type ServerEventSchemas = typeof DeltaSchemas & typeof SignalSchemas;

/** Socket.IO's server -> client event map, derived from the schemas. */
export type ServerToClientEvents = {
  [E in keyof ServerEventSchemas]: (payload: z.input<ServerEventSchemas[E]>) => void;
};

// ---------- client -> server ----------

export const JoinPayloadSchema = z
  .object({ sessionId: IdSchema, protocol: z.literal(PROTOCOL_VERSION), ownerToken: z.string().max(200).optional() })
  .strict();
export const LeavePayloadSchema = z.object({ sessionId: IdSchema }).strict();
export const SocketControlPayloadSchema = z
  .object({
    sessionId: IdSchema,
    action: ControlActionSchema,
    runId: IdSchema.optional(),
    ownerToken: z.string().max(200).optional(),
  })
  .strict();

/** The `data` of each command's ack. */
export const AckDataSchemas = {
  "session:join": SessionSnapshotSchema,
  "session:leave": z.literal(true),
  "session:control": z.array(RunViewSchema),
} as const;
type Command = keyof typeof AckDataSchemas;

/** A socket ack: the data, or the error contract of lib/contracts/errors.ts. */
export type Response<T> = { error: WireError } | { data: T };

/** What a command's ack parses to on the client: one shape, `{ data }` or `{ error }`. */
export function ackSchema<E extends Command>(event: E) {
  return z.union([z.object({ data: AckDataSchemas[event] }), ErrorBodySchema]);
}

/** What a command's ack carries on the wire (what the server sends; a client parses it with ackSchema). */
export type AckResponse<E extends Command> = Response<z.input<(typeof AckDataSchemas)[E]>>;
/** The ack callback of a command, as the server calls it. */
export type Ack<E extends Command> = (res: AckResponse<E>) => void;

/** Socket.IO's client -> server event map, derived from the schemas (the server still parses what arrives). */
export interface ClientToServerEvents {
  "session:join": (payload: z.input<typeof JoinPayloadSchema>, ack: Ack<"session:join">) => void;
  "session:leave": (payload: z.input<typeof LeavePayloadSchema>, ack?: Ack<"session:leave">) => void;
  "session:control": (payload: z.input<typeof SocketControlPayloadSchema>, ack: Ack<"session:control">) => void;
}
