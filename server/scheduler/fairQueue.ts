/** A run waiting for a training slot. */
export interface QueueEntry {
  runId: string;
  /** Re-apply a pause that was in force before a restart. */
  startPaused: boolean;
  /** Who asked for the run (null: older rows and the CLI, which rank first). */
  clientHash: string | null;
  /** 1 + the same client's runs already waiting or training when this one entered. */
  rank: number;
}

/**
 * The embedded scheduler's waiting line, in fair order across clients: a run's rank is 1 + the same client's runs
 * already waiting or training when it entered; lower ranks go first, equal ranks first-in-first-out. So one client's
 * tenth run waits behind every other client's first — the order BullMQ's priorities give the distributed queue
 * (fairPriority in server/distributed/trainingQueue.ts), so both modes behave alike.
 */
export class FairQueue {
  private readonly entries: QueueEntry[] = [];

  get length(): number {
    return this.entries.length;
  }

  /** 1-based position, undefined when the run is not waiting. */
  position(runId: string): number | undefined {
    const i = this.entries.findIndex((q) => q.runId === runId);
    return i < 0 ? undefined : i + 1;
  }

  /** Adds a run; `training` counts the client's runs holding a slot (they count towards its rank). */
  add(entry: Omit<QueueEntry, "rank">, training: number): QueueEntry {
    const rank = entry.clientHash
      ? 1 + training + this.entries.filter((q) => q.clientHash === entry.clientHash).length
      : 1;
    const ranked = { ...entry, rank };
    const after = this.entries.findIndex((q) => q.rank > rank);
    if (after < 0) this.entries.push(ranked);
    else this.entries.splice(after, 0, ranked);
    return ranked;
  }

  remove(runId: string): void {
    const i = this.entries.findIndex((q) => q.runId === runId);
    if (i >= 0) this.entries.splice(i, 1);
  }

  shift(): QueueEntry | undefined {
    return this.entries.shift();
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Run ids in the order they will train. */
  order(): string[] {
    return this.entries.map((q) => q.runId);
  }
}
