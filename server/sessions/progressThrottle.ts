/**
 * Per-room throttle for step progress: at most one flush per `intervalMs` (10/s at 100 ms), keeping
 * only the latest progress of each run in between. `flush()` is called before any other delta
 * (epoch, samples, checkpoint, status) so those are never reordered before an older progress and the
 * last step of an epoch always goes out.
 */
export interface ThrottleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class ProgressThrottle<P> {
  private readonly pending = new Map<string, P>();
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (runId: string, progress: P) => void,
    private readonly clock: ThrottleClock = systemClock,
  ) {}

  push(runId: string, progress: P): void {
    this.pending.set(runId, progress);
    if (this.timer !== null) return;
    const wait = this.lastFlushAt + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  /** Emits everything pending now (in arrival order of runs) and restarts the interval. */
  flush(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.size === 0) return;
    this.lastFlushAt = this.clock.now();
    const batch = [...this.pending];
    this.pending.clear();
    for (const [runId, p] of batch) this.emit(runId, p);
  }

  /** Drops one run's pending progress (the run was abandoned). */
  drop(runId: string): void {
    this.pending.delete(runId);
  }

  /** Drops pending progress and the timer (room evicted or deleted). */
  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
