import type { CheckpointRecord } from "../repositories/types";

/**
 * A small LRU of whole checkpoints (weights included), shared by the recorder (which puts every
 * checkpoint it stores, so the first downloads after a `run:checkpoint` never touch the database) and
 * the model-file routes. When a run publishes a checkpoint every viewer's Play view fetches it at once.
 */
export class CheckpointCache {
  private readonly map = new Map<string, CheckpointRecord>();

  constructor(private readonly capacity = 8) {}

  put(record: CheckpointRecord): void {
    this.map.delete(record.id);
    this.map.set(record.id, record);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  async get(id: string, load: (id: string) => Promise<CheckpointRecord | null>): Promise<CheckpointRecord | null> {
    const hit = this.map.get(id);
    if (hit) {
      this.map.delete(id);
      this.map.set(id, hit);
      return hit;
    }
    const rec = await load(id);
    if (rec) this.put(rec);
    return rec;
  }

  /** Forgets the checkpoints of deleted runs. */
  dropRuns(runIds: Iterable<string>): void {
    const ids = new Set(runIds);
    for (const [id, rec] of this.map) if (ids.has(rec.runId)) this.map.delete(id);
  }
}
