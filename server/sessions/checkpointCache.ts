import type { ExportedModel } from "../../lib/contracts/training";
import type { CheckpointRecord } from "../repositories/types";

/**
 * A small LRU of whole checkpoints (weights included), shared by the recorder (which puts every
 * checkpoint it stores, so the first downloads after a `run:checkpoint` never touch the database) and
 * the model-file routes. When a run publishes a checkpoint every viewer's Play view fetches it at once.
 */
export class CheckpointCache {
  private readonly map = new Map<string, CheckpointRecord>();
  /** Per checkpoint id: models derived from it (e.g. "decoder:float16"), kept exactly as long as the checkpoint. */
  private readonly variants = new Map<string, Map<string, ExportedModel>>();

  constructor(private readonly capacity = 8) {}

  /** Keeps the record without Adam's state: the cache serves model files, and the moments are twice the model. */
  put(record: CheckpointRecord): void {
    this.forget(record.id);
    const { optimizer: _resumeOnly, ...artifacts } = record.artifacts;
    this.map.set(record.id, record.artifacts.optimizer ? { ...record, artifacts } : record);
    while (this.map.size > this.capacity) this.forget(this.map.keys().next().value!);
  }

  /**
   * A model derived from a checkpoint (its weights re-encoded for download, say), computed once while
   * the checkpoint is cached so a burst of viewers converts it once. Uncached records are computed, not kept.
   */
  variant(record: CheckpointRecord, key: string, compute: () => ExportedModel): ExportedModel {
    const cached = this.map.get(record.id) === record;
    const known = this.variants.get(record.id)?.get(key);
    if (cached && known) return known;
    const value = compute();
    if (cached) {
      const forRecord = this.variants.get(record.id) ?? new Map<string, ExportedModel>();
      forRecord.set(key, value);
      this.variants.set(record.id, forRecord);
    }
    return value;
  }

  private forget(id: string): void {
    this.map.delete(id);
    this.variants.delete(id);
  }

  async get(id: string, load: (id: string) => Promise<CheckpointRecord | null>): Promise<CheckpointRecord | null> {
    const hit = this.map.get(id);
    if (hit) {
      this.map.delete(id);
      this.map.set(id, hit);
      return hit;
    }
    const rec = await load(id);
    if (!rec) return null;
    this.put(rec);
    return this.map.get(id) ?? rec;
  }

  /** Forgets deleted checkpoints (retention). */
  dropIds(ids: Iterable<string>): void {
    for (const id of ids) this.forget(id);
  }

  /** Forgets the checkpoints of deleted runs. */
  dropRuns(runIds: Iterable<string>): void {
    const ids = new Set(runIds);
    for (const [id, rec] of this.map) if (ids.has(rec.runId)) this.forget(id);
  }
}
