import type { ExportedModel } from "../../lib/contracts/training";
import type { CheckpointRecord } from "../repositories/types";

/** Default byte budget: a few checkpoints of the largest model a run may have, hundreds of the presets'. */
export const DEFAULT_CHECKPOINT_CACHE_BYTES = 256 * 1024 * 1024;

/** Bytes a model's weights and topology take in memory (the JSON is counted at its serialised length). */
function modelBytes(m: ExportedModel): number {
  return m.weightData.byteLength + JSON.stringify(m.modelJson).length;
}

/** Bytes a cached checkpoint takes (without Adam's state, which the cache never keeps). */
export function checkpointBytes(r: CheckpointRecord): number {
  return modelBytes(r.artifacts.encoder) + modelBytes(r.artifacts.decoder);
}

interface Entry {
  record: CheckpointRecord;
  /** Models derived from the checkpoint (e.g. "decoder:float16"), kept exactly as long as the checkpoint. */
  variants: Map<string, ExportedModel>;
  bytes: number;
}

/**
 * An LRU of whole checkpoints (weights included), capped by bytes, shared by the recorder (which puts every
 * checkpoint it stores, so the first downloads after a `run:checkpoint` never touch the database) and the
 * model-file routes. When a run publishes a checkpoint every viewer's Play view fetches it at once.
 *
 * Capped by bytes, not entries: a checkpoint is 2 MB for a preset and 32 MB for the largest model the budgets
 * allow, so a count says nothing about memory. A checkpoint larger than the whole budget is served, not kept.
 * A run's entries leave when the run ends (`dropRuns`), so memory a run brought in goes with it.
 */
export class CheckpointCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;

  constructor(readonly maxBytes = DEFAULT_CHECKPOINT_CACHE_BYTES) {}

  /** Bytes held now (weights and model JSON of the checkpoints and their variants). */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Keeps the record without Adam's state: the cache serves model files, and the moments are twice the model. */
  put(record: CheckpointRecord): void {
    this.forget(record.id);
    const { optimizer: _resumeOnly, ...artifacts } = record.artifacts;
    const kept = record.artifacts.optimizer ? { ...record, artifacts } : record;
    const bytes = checkpointBytes(kept);
    if (bytes > this.maxBytes) return;
    this.entries.set(record.id, { record: kept, variants: new Map(), bytes });
    this.total += bytes;
    this.evict();
  }

  /**
   * A model derived from a checkpoint (its weights re-encoded for download, say), computed once while the
   * checkpoint is cached so a burst of viewers converts it once. Uncached records are computed, not kept.
   */
  variant(record: CheckpointRecord, key: string, compute: () => ExportedModel): ExportedModel {
    const entry = this.entries.get(record.id);
    const cached = entry?.record === record ? entry : undefined;
    const known = cached?.variants.get(key);
    if (known) return known;
    const value = compute();
    if (cached) {
      const bytes = modelBytes(value);
      cached.variants.set(key, value);
      cached.bytes += bytes;
      this.total += bytes;
      this.evict(record.id);
    }
    return value;
  }

  async get(id: string, load: (id: string) => Promise<CheckpointRecord | null>): Promise<CheckpointRecord | null> {
    const hit = this.entries.get(id);
    if (hit) {
      this.entries.delete(id);
      this.entries.set(id, hit); // most recently used last
      return hit.record;
    }
    const rec = await load(id);
    if (!rec) return null;
    this.put(rec);
    return this.entries.get(id)?.record ?? rec;
  }

  /** Forgets deleted checkpoints (retention). */
  dropIds(ids: Iterable<string>): void {
    for (const id of ids) this.forget(id);
  }

  /** Forgets the checkpoints of runs that ended or were deleted. */
  dropRuns(runIds: Iterable<string>): void {
    const ids = new Set(runIds);
    for (const [id, entry] of this.entries) if (ids.has(entry.record.runId)) this.forget(id);
  }

  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.total -= entry.bytes;
  }

  /** Drops least recently used entries until the budget holds; `keep` (the entry just grown) goes last. */
  private evict(keep?: string): void {
    for (const id of [...this.entries.keys()]) {
      if (this.total <= this.maxBytes) return;
      if (id !== keep) this.forget(id);
    }
    if (this.total > this.maxBytes && keep) this.forget(keep);
  }
}
