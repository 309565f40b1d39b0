import type { WorkerEvent } from "../../lib/contracts/training";
import type { Repositories, RunRecord } from "../repositories/types";
import { AppError } from "../errors";
import { FairQueue } from "./fairQueue";
import { recoverRuns, type RecoveryResult } from "./recovery";
import { restartBlocker } from "./restartable";
import { routeWorkerEvent } from "../training/workerEvents";
import type { RunEventSink, RunQueue, StartJob, TrainingJob } from "./types";
import { errorMessage } from "../../lib/errors";
import { componentLog } from "../logging/logger";

export interface SchedulerDeps {
  repos: Repositories;
  startJob: StartJob;
  sink: RunEventSink;
  maxConcurrentRuns: number;
  dataDir?: string;
  /** Worker progress interval (the rooms throttle again on top of it). */
  progressIntervalMs?: number;
  float16?: boolean;
  log?: (msg: string, err?: unknown) => void;
  /** How long a start right after a stop waits for the stopping job to end (then 409). */
  stoppingWaitMs?: number;
}

interface ActiveRun {
  run: RunRecord;
  job: TrainingJob;
  paused: boolean;
  /** The owner stopped it: its final status is "stopped" whatever the worker reports. */
  stopRequested: boolean;
  /** Session deleted or server shutting down: ignore the job's outcome. */
  abandoned: boolean;
  lastError: string | null;
  /** Resolves once the job's end is recorded (its slot is free and its final status written). */
  ended: Promise<void>;
  markEnded: () => void;
}

/**
 * Runs at most `maxConcurrentRuns` training jobs; the rest wait in a queue (status "queued", `queuePosition`
 * 1-based) in fair order across clients (fairQueue.ts: one client's tenth run waits behind another's first). The scheduler is the only writer of run status: worker "status" events
 * are ignored, which avoids races between an owner's command and a late worker message. A paused run
 * keeps its slot (its worker and tensors stay alive so resume is instant).
 * State changes are serialised through `exclusive` so concurrent commands cannot double-start a run.
 */
export class Scheduler implements RunQueue {
  private readonly queue = new FairQueue();
  private readonly active = new Map<string, ActiveRun>();
  private lock: Promise<unknown> = Promise.resolve();
  private shuttingDown = false;
  private readonly log: (msg: string, err?: unknown) => void;

  constructor(private readonly deps: SchedulerDeps) {
    this.log = deps.log ?? componentLog("scheduler");
  }

  /** 1-based position of a waiting run, undefined when it is not waiting. */
  queuePosition(runId: string): number | undefined {
    return this.queue.position(runId);
  }

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  refreshPositions(): Promise<void> {
    return Promise.resolve(); // the queue is this process's own
  }

  activeCount(): number {
    return this.active.size;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lock.then(fn);
    this.lock = next.catch(() => undefined);
    return next;
  }

  // ---------- owner commands ----------

  /**
   * Puts a run in the queue: runs created with autostart, runs created "queued" by an owner who starts
   * them later, and interrupted/stopped/failed runs that have a checkpoint to continue from.
   */
  async start(runId: string): Promise<RunRecord> {
    // Stopped a moment ago: its job ends after the current step (and writes "stopped"); wait for that, briefly.
    const stopping = this.active.get(runId);
    if (stopping?.stopRequested) {
      await Promise.race([stopping.ended, new Promise((r) => setTimeout(r, this.deps.stoppingWaitMs ?? 3000))]);
    }
    return this.exclusive(async () => {
      const run = await this.mustGet(runId);
      if (this.active.get(runId)?.stopRequested) {
        throw new AppError("conflict", "the run is still stopping; start it again in a moment");
      }
      if (this.active.has(runId) || this.queuePosition(runId) !== undefined) return run;
      if (run.status !== "queued") {
        const blocker = restartBlocker(run, (await this.deps.repos.checkpoints.list(runId)).at(-1)?.epoch);
        if (blocker) throw new AppError("conflict", blocker);
      }
      return this.enqueueLocked(run, false);
    });
  }

  pause(runId: string): Promise<RunRecord> {
    return this.exclusive(async () => {
      const a = this.active.get(runId);
      if (!a || a.stopRequested) throw new AppError("conflict", "only a training run can be paused");
      if (a.paused) return a.run;
      a.paused = true;
      a.job.pause();
      return this.setStatus(a, { status: "paused" });
    });
  }

  resume(runId: string): Promise<RunRecord> {
    return this.exclusive(async () => {
      const a = this.active.get(runId);
      if (!a || a.stopRequested) throw new AppError("conflict", "only a paused run can be resumed");
      if (!a.paused) return a.run;
      a.paused = false;
      a.job.resume();
      return this.setStatus(a, { status: "training" });
    });
  }

  stop(runId: string): Promise<RunRecord> {
    return this.exclusive(async () => {
      const a = this.active.get(runId);
      if (a) {
        if (a.stopRequested) return a.run;
        a.stopRequested = true;
        a.job.stop(); // the slot frees when the worker has finished its current step
        return this.setStatus(a, { status: "stopped" });
      }
      const run = await this.mustGet(runId);
      if (run.status !== "queued") throw new AppError("conflict", `cannot stop a run that is ${run.status}`);
      this.removeFromQueue(runId);
      const updated = await this.deps.repos.runs.update(runId, { status: "stopped", finishedAt: new Date() });
      this.deps.sink.runChanged(updated);
      this.deps.sink.queueChanged();
      return updated;
    });
  }

  /** Kills the runs of a session being deleted (no status writes: the rows are about to go). */
  abandonRuns(runIds: string[]): Promise<void> {
    return this.exclusive(async () => {
      for (const id of runIds) {
        this.removeFromQueue(id);
        const a = this.active.get(id);
        if (!a) continue;
        a.abandoned = true;
        this.active.delete(id);
        await a.job.terminate().catch((e: unknown) => this.log(`run ${id}: terminate failed`, e));
        await this.deps.sink.afterEnd(a.run);
        a.markEnded();
      }
      this.deps.sink.queueChanged();
      this.pumpSoon();
    });
  }

  // ---------- start-up and shutdown ----------

  /** Restart recovery (see recovery.ts); call once before serving. */
  recover(): Promise<RecoveryResult> {
    return this.exclusive(async () => {
      const result = await recoverRuns(this.deps.repos, this.deps.sink, {
        requeue: (run, startPaused) => this.enqueueLocked(run, startPaused, false, true),
        isScheduled: (runId) => this.queuePosition(runId) !== undefined || this.active.has(runId),
      });
      this.pumpSoon();
      return result;
    });
  }

  /** Server shutdown: kill the workers and leave statuses as they are, so the next start resumes. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    const all = [...this.active.values()];
    this.active.clear();
    this.queue.clear();
    for (const a of all) a.abandoned = true;
    await Promise.all(all.map((a) => a.job.terminate().catch((e: unknown) => this.log("terminate failed", e))));
    await Promise.all(all.map((a) => this.deps.sink.afterEnd(a.run).catch(() => undefined)));
    for (const a of all) a.markEnded();
  }

  /** Resolves when the scheduler has no pending state change (tests). */
  async idle(): Promise<void> {
    await this.lock;
  }

  // ---------- internals ----------

  private async mustGet(runId: string): Promise<RunRecord> {
    const run = await this.deps.repos.runs.get(runId);
    if (!run) throw new AppError("not_found", "run not found");
    return run;
  }

  /** `keepQueuedAt`: a run already waiting before a restart keeps its place (queuedAt orders recovery). */
  private async enqueueLocked(
    run: RunRecord,
    startPaused: boolean,
    pump = true,
    keepQueuedAt = false,
  ): Promise<RunRecord> {
    let record = run;
    if (run.status !== "queued" || !run.queuedAt || !keepQueuedAt) {
      const queuedAt = keepQueuedAt && run.queuedAt ? run.queuedAt : new Date();
      record = await this.deps.repos.runs.update(run.id, { status: "queued", queuedAt, error: null, finishedAt: null });
    }
    const training = [...this.active.values()].filter(
      (a) => run.clientHash !== null && a.run.clientHash === run.clientHash,
    ).length;
    this.queue.add({ runId: run.id, startPaused, clientHash: run.clientHash }, training);
    this.deps.sink.runChanged(record);
    this.deps.sink.queueChanged();
    if (pump) this.pumpSoon();
    return record;
  }

  private removeFromQueue(runId: string): void {
    this.queue.remove(runId);
  }

  /** Starts waiting runs outside the caller's critical section (pump takes the lock itself). */
  private pumpSoon(): void {
    setImmediate(() => {
      void this.exclusive(() => this.pump()).catch((e: unknown) => this.log("scheduler: pump failed", e));
    });
  }

  private async pump(): Promise<void> {
    while (!this.shuttingDown && this.active.size < this.deps.maxConcurrentRuns && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      this.deps.sink.queueChanged();
      const run = await this.deps.repos.runs.get(entry.runId);
      if (!run || run.status !== "queued") continue; // deleted or stopped while waiting
      try {
        await this.launch(run, entry.startPaused);
      } catch (err) {
        this.log(`run ${run.id}: could not start`, err);
        const half = this.active.get(run.id);
        if (half) {
          half.abandoned = true;
          this.active.delete(run.id);
          await half.job.terminate().catch(() => undefined);
          half.markEnded();
        }
        await this.deps.sink.afterEnd(run).catch(() => undefined);
        const failed = await this.deps.repos.runs.update(run.id, {
          status: "failed",
          error: errorMessage(err),
          finishedAt: new Date(),
        });
        this.deps.sink.runChanged(failed);
      }
    }
  }

  private async launch(run: RunRecord, startPaused: boolean): Promise<void> {
    const { repos, sink } = this.deps;
    const checkpoint = await repos.checkpoints.latest(run.id);
    await sink.beforeStart(run);
    let markEnded!: () => void;
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    const entry: ActiveRun = {
      run,
      job: undefined as unknown as TrainingJob,
      paused: false,
      stopRequested: false,
      abandoned: false,
      lastError: null,
      ended,
      markEnded,
    };
    const onEvent = (e: WorkerEvent): void => this.onWorkerEvent(entry, e);
    entry.job = this.deps.startJob(run.config, {
      onEvent,
      resumeFrom: checkpoint?.artifacts,
      dataDir: this.deps.dataDir,
      progressIntervalMs: this.deps.progressIntervalMs,
      float16: this.deps.float16,
      // Every finished run gets its line of the session's comparison table (computed in the worker).
      evaluation: { run: run.id },
    });
    this.active.set(run.id, entry);
    if (startPaused) {
      entry.paused = true;
      entry.job.pause();
    }
    await this.setStatus(entry, {
      status: startPaused ? "paused" : "training",
      startedAt: run.startedAt ?? new Date(),
      error: null,
      finishedAt: null,
    });
    entry.job.done.then(
      (r) => this.onJobEnd(entry, r.stopped ? "stopped" : "done", null),
      (err: unknown) => this.onJobEnd(entry, "failed", entry.lastError ?? errorMessage(err)),
    );
  }

  private onWorkerEvent(entry: ActiveRun, e: WorkerEvent): void {
    if (entry.abandoned) return;
    routeWorkerEvent(e, {
      ready: (backend) =>
        void this.deps.repos.runs
          .update(entry.run.id, { backend })
          .then((r) => {
            entry.run = { ...entry.run, backend: r.backend };
            if (!entry.abandoned) this.deps.sink.runChanged(r);
          })
          .catch((err: unknown) => this.log(`run ${entry.run.id}: backend update failed`, err)),
      error: (message) => (entry.lastError = message),
      data: (event) => this.deps.sink.workerEvent(entry.run, event),
    });
  }

  private onJobEnd(entry: ActiveRun, outcome: "done" | "stopped" | "failed", error: string | null): void {
    if (entry.abandoned || this.shuttingDown) return;
    void this.exclusive(async () => {
      if (entry.abandoned || this.shuttingDown) return;
      this.active.delete(entry.run.id);
      await this.deps.sink.afterEnd(entry.run);
      const status = entry.stopRequested ? "stopped" : outcome;
      const updated = await this.deps.repos.runs.update(entry.run.id, {
        status,
        error: status === "failed" ? error : null,
        finishedAt: new Date(),
      });
      this.deps.sink.runChanged(updated);
      entry.markEnded();
      await this.pump();
    })
      .catch((err: unknown) => this.log(`run ${entry.run.id}: could not record the end`, err))
      .finally(() => entry.markEnded());
  }

  private async setStatus(entry: ActiveRun, patch: Parameters<Repositories["runs"]["update"]>[1]): Promise<RunRecord> {
    const updated = await this.deps.repos.runs.update(entry.run.id, patch);
    entry.run = updated;
    this.deps.sink.runChanged(updated);
    return updated;
  }
}
