import { z } from "zod";
import { RunEvaluationViewSchema } from "../../lib/contracts/comparison";
import {
  CheckpointViewSchema,
  GridMetaSchema,
  LatentMetaSchema,
  RunViewSchema,
  SessionViewSchema,
  StepPointSchema,
} from "../../lib/contracts/session";
import { EpochMetricsSchema, ProgressSchema } from "../../lib/contracts/training";
import type { NormalisedSnapshot, SessionDelta } from "./sessionState";

/**
 * Parses what the server sends over Socket.IO into the reducer's types. Zod at the boundary: a payload
 * that does not match the contract is rejected here (and logged), never half-applied to the UI.
 * Binary grid pixels arrive as ArrayBuffer in browsers and as Buffer in Node; both become Uint8Array. Latent points
 * (float32) become Float32Array, copied when the bytes do not start on a 4-byte boundary (Node's pooled Buffers).
 */

const PixelsSchema = z
  .custom<unknown>((v) => toUint8Array(v) !== null, "pixels must be binary")
  .transform((v) => toUint8Array(v)!);

export function toUint8Array(v: unknown): Uint8Array | null {
  if (v instanceof Uint8Array) return v; // includes Node's Buffer
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
}

export function toFloat32Array(v: unknown): Float32Array | null {
  if (v instanceof Float32Array) return v;
  const bytes = toUint8Array(v);
  if (!bytes || bytes.byteLength % 4 !== 0) return null;
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Float32Array(new Uint8Array(bytes).buffer); // a copy (Buffer#slice would share the memory)
}

const PointsSchema = z
  .custom<unknown>((v) => toFloat32Array(v) !== null, "points must be binary float32")
  .transform((v) => toFloat32Array(v)!);

const seq = z.number().int().min(0);
const GridSchema = GridMetaSchema.extend({ pixels: PixelsSchema });
export const LatentSchema = LatentMetaSchema.extend({ points: PointsSchema, labels: PixelsSchema }).refine(
  (l) => l.points.length === 2 * l.count && l.labels.length === l.count,
  "a scatter has 2 · count coordinates and count labels",
);

export const SnapshotSchema = z.object({
  session: SessionViewSchema,
  runs: z.record(
    z.string(),
    z.object({
      epochs: z.array(EpochMetricsSchema),
      steps: z.array(StepPointSchema),
      progress: ProgressSchema.nullable(),
      checkpoints: z.array(CheckpointViewSchema),
      // Defaults: a tolerant reader of snapshots from a server without scatters and evaluations (same protocol).
      evaluation: RunEvaluationViewSchema.nullable().default(null),
    }),
  ),
  grids: z.array(GridSchema),
  gridEpochs: z.record(z.string(), z.array(z.number().int())),
  latent: z.array(LatentSchema).default([]),
  latentEpochs: z.record(z.string(), z.array(z.number().int())).default({}),
  viewers: z.number().int().min(0),
  isOwner: z.boolean(),
  seq,
});

export function parseSnapshot(raw: unknown): NormalisedSnapshot {
  return SnapshotSchema.parse(raw);
}

const ProgressDelta = ProgressSchema.extend({ seq, runId: z.string() });
const EpochDelta = EpochMetricsSchema.extend({ seq, runId: z.string() });
const SamplesDelta = z.object({ seq, grids: z.array(GridSchema) });
const CheckpointDelta = CheckpointViewSchema.extend({ seq });
const StatusDelta = z.object({ seq, run: RunViewSchema });
const LatentDelta = z.object({ seq }).and(LatentSchema);
const EvaluationDelta = RunEvaluationViewSchema.extend({ seq });
export const PresenceSchema = z.object({ viewers: z.number().int().min(0) });

/** Socket event name -> parser producing a reducer delta. */
export const deltaParsers = {
  "run:progress": (raw: unknown): SessionDelta => {
    const { seq: s, runId, ...progress } = ProgressDelta.parse(raw);
    return { type: "progress", seq: s, runId, progress };
  },
  "run:epoch": (raw: unknown): SessionDelta => {
    const { seq: s, runId, ...metrics } = EpochDelta.parse(raw);
    return { type: "epoch", seq: s, runId, metrics };
  },
  "run:samples": (raw: unknown): SessionDelta => {
    const { seq: s, grids } = SamplesDelta.parse(raw);
    return { type: "samples", seq: s, grids };
  },
  "run:checkpoint": (raw: unknown): SessionDelta => {
    const { seq: s, ...checkpoint } = CheckpointDelta.parse(raw);
    return { type: "checkpoint", seq: s, checkpoint };
  },
  "run:latent": (raw: unknown): SessionDelta => {
    const { seq: s, ...latent } = LatentDelta.parse(raw);
    return { type: "latent", seq: s, latent };
  },
  "run:evaluation": (raw: unknown): SessionDelta => {
    const { seq: s, ...evaluation } = EvaluationDelta.parse(raw);
    return { type: "evaluation", seq: s, evaluation };
  },
  "run:status": (raw: unknown): SessionDelta => {
    const { seq: s, run } = StatusDelta.parse(raw);
    return { type: "status", seq: s, run };
  },
} as const;

export type DeltaEvent = keyof typeof deltaParsers;
export const DELTA_EVENTS = Object.keys(deltaParsers) as DeltaEvent[];
