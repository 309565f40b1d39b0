import { z } from "zod";
import { ComparisonRowSchema } from "../../lib/contracts/comparison";
import { LatentProjectionSchema } from "../../lib/contracts/latent";
import { CheckpointMetaSchema, GridKindSchema, RunStatusSchema } from "../../lib/contracts/training";
import { DatasetIdSchema, PresetIdSchema, TrainConfigSchema } from "../../lib/model/config";
import type {
  Checkpoint,
  GalleryItem,
  LatentScatter,
  Run,
  RunEvaluation,
  SampleGrid,
  Session,
} from "../../generated/prisma-sqlite/client";
import type {
  CheckpointRecord,
  GalleryItemRecord,
  GridRecord,
  LatentScatterRecord,
  RunEvaluationRecord,
  RunRecord,
  SessionRecord,
} from "./types";

/**
 * Database rows -> repository records. The database is a boundary too: enums, JSON columns and
 * configs are parsed with the same zod schemas the wire uses, so a bad row fails loudly here
 * instead of deep inside a room or a worker.
 */

const JsonObjectSchema = z.record(z.string(), z.unknown());
const RowLabelsSchema = z.array(z.string()).nullable();

/** A fresh ArrayBuffer holding exactly these bytes (drivers may hand out views into pooled buffers). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** Prisma's Bytes input wants a Uint8Array over a plain ArrayBuffer. */
export function toBytes(data: Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data);
}

export function toSession(row: Session): SessionRecord {
  return {
    id: row.id,
    title: row.title,
    dataset: DatasetIdSchema.parse(row.dataset),
    ownerTokenHash: row.ownerTokenHash,
    createdAt: row.createdAt,
  };
}

export function toRun(row: Run): RunRecord {
  return {
    id: row.id,
    sessionId: row.sessionId,
    index: row.index,
    preset: PresetIdSchema.parse(row.preset),
    config: TrainConfigSchema.parse(row.config),
    status: RunStatusSchema.parse(row.status),
    backend: row.backend,
    error: row.error,
    lastEpoch: row.lastEpoch,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    queuedAt: row.queuedAt,
    clientHash: row.clientHash,
  };
}

export function toGrid(row: SampleGrid): GridRecord {
  return {
    runId: row.runId,
    epoch: row.epoch,
    kind: GridKindSchema.parse(row.kind),
    rows: row.rows,
    cols: row.cols,
    rowLabels: RowLabelsSchema.parse(row.rowLabels === null ? null : JSON.parse(row.rowLabels)),
    pixels: new Uint8Array(row.pixels),
  };
}

/** float32 values from stored bytes (copied: a driver's buffer need not be 4-byte aligned). */
export function toFloat32(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`float32 column of ${bytes.byteLength} bytes`);
  return new Float32Array(toArrayBuffer(bytes));
}

export function toLatentScatter(row: LatentScatter): LatentScatterRecord {
  const points = toFloat32(row.points);
  const labels = new Uint8Array(row.labels);
  if (labels.length !== row.count || points.length !== 2 * row.count)
    throw new Error(
      `latent scatter of run ${row.runId} epoch ${row.epoch}: ${row.count} points stored as ${points.length} floats, ${labels.length} labels`,
    );
  return {
    runId: row.runId,
    epoch: row.epoch,
    projection: LatentProjectionSchema.parse(row.projection),
    points,
    labels,
  };
}

const NotesSchema = z.array(z.string());

export function toRunEvaluation(row: RunEvaluation): RunEvaluationRecord {
  return {
    runId: row.runId,
    epoch: row.epoch,
    row: ComparisonRowSchema.parse(row.row),
    notes: NotesSchema.parse(row.notes),
    seconds: row.seconds,
    createdAt: row.createdAt,
  };
}

export function toCheckpoint(row: Checkpoint): CheckpointRecord {
  return {
    id: row.id,
    runId: row.runId,
    epoch: row.epoch,
    createdAt: row.createdAt,
    artifacts: {
      meta: CheckpointMetaSchema.parse(row.meta),
      encoder: {
        modelJson: JsonObjectSchema.parse(row.encoderModelJson),
        weightData: toArrayBuffer(row.encoderWeights),
      },
      decoder: {
        modelJson: JsonObjectSchema.parse(row.decoderModelJson),
        weightData: toArrayBuffer(row.decoderWeights),
      },
      ...(row.optimizerStep !== null && row.optimizerMoments !== null
        ? { optimizer: { step: row.optimizerStep, moments: toArrayBuffer(row.optimizerMoments) } }
        : {}),
    },
  };
}

export function toGalleryItem(row: GalleryItem): GalleryItemRecord {
  return {
    id: row.id,
    sessionId: row.sessionId,
    checkpointId: row.checkpointId,
    kind: row.kind,
    title: row.title,
    png: new Uint8Array(row.png),
    meta: JsonObjectSchema.parse(row.meta),
    authorTokenHash: row.authorTokenHash,
    createdAt: row.createdAt,
  };
}

/** Columns of a checkpoint listing: everything but the weights. */
export const checkpointSummarySelect = {
  id: true,
  runId: true,
  epoch: true,
  createdAt: true,
  decoderBytes: true,
} as const;
