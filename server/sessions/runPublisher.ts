import type { Progress, WorkerEvent } from "../../lib/contracts/training";
import type { Repositories, RunRecord } from "../repositories/types";
import { ProgressThrottle, systemClock, type ThrottleClock } from "./progressThrottle";
import { evaluationToView, gridToWire, latentToWire } from "./roomState";
import type { RunRecorder } from "./runRecorder";
import type { AppendFence, LogRecord, SessionLog } from "./sessionLog";
import { MAX_STEP_POINTS, StepDownsampler } from "./stepDownsampler";
import { toCheckpointView, toRunView } from "./views";
import { componentLog } from "../logging/logger";

export interface RunPublisherDeps {
  repos: Repositories;
  recorder: RunRecorder;
  log: SessionLog;
  /**
   * false (embedded): append at once, persist in the background — the single process's rooms hold the truth and
   * flush the recorder before reading the database. true (distributed): append an entry only once what it
   * announces is in the database, so an app server that loads a room from the database and then reads the
   * log's newer entries never misses anything.
   */
  durable: boolean;
  /** Minimum time between progress entries per session (100 ms = at most 10 per second). */
  progressIntervalMs?: number;
  maxStepPoints?: number;
  clock?: ThrottleClock;
  logError?: (msg: string, err?: unknown) => void;
}

/** What the publisher remembers of a run it publishes for. */
interface Track {
  run: RunRecord;
  downsampler: StepDownsampler;
  /** Epochs whose metrics / grids are already recorded: a resumed run replays the epoch it was in. */
  epochs: Set<number>;
  gridEpochs: Set<number>;
  latentEpochs: Set<number>;
  fence?: AppendFence;
  /**
   * The run's ownership moved elsewhere (an append was refused, or the trainer lost the run): nothing more of it is
   * written or appended here. A write whose entry can never go out would be history that no live viewer saw.
   */
  lost?: boolean;
}

/**
 * Turns a running job's worker events into persisted records and session-log entries: progress throttled per
 * session (the latest of each run kept in between), step points downsampled, epochs and grids replayed after a
 * resume dropped, every other entry of the session preceded by the pending progress. Used by the embedded app
 * server (through LiveRooms) and by every trainer process.
 */
export class RunPublisher {
  private readonly tracks = new Map<string, Track>();
  private readonly throttles = new Map<string, ProgressThrottle<Progress>>();
  /** Durable mode: appends of a session go out in order, each after its own writes. */
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly intervalMs: number;
  private readonly maxStepPoints: number;
  private readonly clock: ThrottleClock;
  private readonly logError: (msg: string, err?: unknown) => void;
  /** Called when the log refused an entry of this run (distributed: its ownership moved elsewhere). */
  onFenced: (run: RunRecord) => void = () => {};

  constructor(private readonly deps: RunPublisherDeps) {
    this.intervalMs = deps.progressIntervalMs ?? 100;
    this.maxStepPoints = deps.maxStepPoints ?? MAX_STEP_POINTS;
    this.clock = deps.clock ?? systemClock;
    this.logError = deps.logError ?? componentLog("run-publisher");
  }

  isTracking(runId: string): boolean {
    return this.tracks.has(runId);
  }

  /** Before a job starts: learn what the database already holds of the run (a resumed run replays its epoch). */
  async begin(run: RunRecord, fence?: AppendFence): Promise<void> {
    await this.deps.recorder.flush(run.id);
    const { metrics, grids } = this.deps.repos;
    const [epochs, gridEpochs, steps, latentEpochs] = await Promise.all([
      metrics.listEpochs(run.id),
      grids.epochs(run.id),
      metrics.listSteps(run.id),
      this.deps.repos.latent.epochs(run.id),
    ]);
    this.tracks.set(run.id, {
      run,
      downsampler: new StepDownsampler(this.maxStepPoints, steps.at(-1)?.globalStep ?? -1),
      epochs: new Set(epochs.map((e) => e.epoch)),
      gridEpochs: new Set(gridEpochs),
      latentEpochs: new Set(latentEpochs),
      ...(fence ? { fence } : {}),
    });
  }

  /**
   * This process no longer owns the run (distributed: another trainer or an app server took it): its pending
   * progress is dropped and its later events are ignored, so nothing of it reaches the database that the session
   * log would refuse. What another owner resumes comes from the database as it stands.
   */
  abandon(runId: string): void {
    const track = this.tracks.get(runId);
    if (!track || track.lost) return;
    track.lost = true;
    this.throttles.get(track.run.sessionId)?.drop(runId);
  }

  /** After a job ended: the pending progress goes out (unless the run was abandoned) and every write of the run lands. */
  async end(runId: string): Promise<void> {
    const track = this.tracks.get(runId);
    if (track) this.flushSession(track.run.sessionId);
    await this.deps.recorder.flush(runId);
    this.deps.recorder.release(runId);
    if (track) await this.chains.get(track.run.sessionId);
    this.tracks.delete(runId);
    if (track && ![...this.tracks.values()].some((t) => t.run.sessionId === track.run.sessionId)) {
      this.throttles.get(track.run.sessionId)?.dispose();
      this.throttles.delete(track.run.sessionId);
    }
  }

  /** The run's record changed (status, backend, error): announce it. The record is already in the database. */
  status(run: RunRecord, queuePosition: number | undefined, fence?: AppendFence): Promise<number | null> {
    const track = this.tracks.get(run.id);
    if (track) track.run = run;
    this.flushSession(run.sessionId);
    return this.append(
      run,
      { event: "run:status", payload: { run: toRunView(run, queuePosition) } },
      Promise.resolve(),
      fence ?? track?.fence,
    );
  }

  /** Any other entry of a session (gallery items): after the session's pending progress. */
  other(sessionId: string, record: LogRecord): Promise<number | null> {
    this.flushSession(sessionId);
    return this.appendFor(sessionId, record, Promise.resolve(), undefined, null);
  }

  workerEvent(runId: string, event: WorkerEvent): void {
    const track = this.tracks.get(runId);
    if (!track || track.lost) return;
    const { run } = track;
    const { recorder } = this.deps;
    switch (event.type) {
      case "progress": {
        const { type: _t, ...progress } = event;
        this.throttle(run.sessionId).push(run.id, progress);
        return;
      }
      case "epoch": {
        const { type: _t, ...metrics } = event;
        if (track.epochs.has(metrics.epoch)) return; // replayed after a resume
        track.epochs.add(metrics.epoch);
        this.flushSession(run.sessionId);
        const last = track.downsampler.epochEnded();
        if (last) recorder.addStep(run.id, last);
        const written = recorder.addEpoch(run.id, metrics);
        const record: LogRecord = {
          event: "run:epoch",
          payload: { runId: run.id, ...metrics },
          ...(last ? { step: last } : {}),
        };
        void this.append(run, record, written, track.fence);
        return;
      }
      case "samples": {
        if (track.gridEpochs.has(event.epoch)) return;
        track.gridEpochs.add(event.epoch);
        this.flushSession(run.sessionId);
        const grids = event.grids.map((g) => gridToWire(run.id, event.epoch, g));
        const written = recorder.addGrids(run.id, event.epoch, event.grids);
        const record: LogRecord = { event: "run:samples", payload: { grids } };
        // Durable: appended when the grids are stored, so a big write never holds up the progress behind it.
        if (this.deps.durable)
          void written.then(
            () => this.append(run, record, Promise.resolve(), track.fence),
            () => {},
          );
        else void this.append(run, record, written, track.fence);
        return;
      }
      case "latent": {
        if (track.latentEpochs.has(event.epoch)) return; // replayed after a resume
        track.latentEpochs.add(event.epoch);
        this.flushSession(run.sessionId);
        const { type: _t, ...scatter } = event;
        const written = recorder.addLatent(run.id, scatter);
        const record: LogRecord = { event: "run:latent", payload: latentToWire(run.id, scatter) };
        // Like the grids: durable appends wait for the row (readers of the Redis log load the points from it).
        if (this.deps.durable)
          void written.then(
            () => this.append(run, record, Promise.resolve(), track.fence),
            () => {},
          );
        else void this.append(run, record, written, track.fence);
        return;
      }
      case "evaluation": {
        const { type: _t, ...evaluation } = event;
        this.appendOnceStored(track, recorder.addEvaluation(run.id, evaluation), (stored) => ({
          event: "run:evaluation",
          payload: evaluationToView(stored),
        }));
        return;
      }
      case "checkpoint": {
        this.appendOnceStored(track, recorder.addCheckpoint(run.id, event.epoch, event.artifacts), (summary) => ({
          event: "run:checkpoint",
          payload: toCheckpointView(summary),
        }));
        return;
      }
      default:
        return; // ready / status / done / error are the scheduler's business
    }
  }

  /** Sends the session's pending progress now (before an entry that must follow it). */
  flushSession(sessionId: string): void {
    this.throttles.get(sessionId)?.flush();
  }

  /** Drops pending progress (session deleted). */
  forgetSession(sessionId: string): void {
    this.throttles.get(sessionId)?.dispose();
    this.throttles.delete(sessionId);
    for (const [id, t] of this.tracks) if (t.run.sessionId === sessionId) this.tracks.delete(id);
  }

  private throttle(sessionId: string): ProgressThrottle<Progress> {
    let t = this.throttles.get(sessionId);
    if (!t) {
      t = new ProgressThrottle<Progress>(this.intervalMs, (runId, p) => this.emitProgress(runId, p), this.clock);
      this.throttles.set(sessionId, t);
    }
    return t;
  }

  private emitProgress(runId: string, progress: Progress): void {
    const track = this.tracks.get(runId);
    if (!track || track.lost) return;
    const kept = track.downsampler.offer(progress);
    let written: Promise<unknown> = Promise.resolve();
    if (kept) {
      this.deps.recorder.addStep(runId, kept);
      if (this.deps.durable) written = this.deps.recorder.flushRows(runId);
    }
    const record: LogRecord = {
      event: "run:progress",
      payload: { runId, sentAt: Date.now(), ...progress },
      ...(kept ? { step: kept } : {}),
    };
    void this.append(track.run, record, written, track.fence);
  }

  /**
   * Entries whose payload exists only once the database has it (a checkpoint's id, an evaluation's row): appended
   * after the write, with the session's pending entries flushed first so the order holds.
   */
  private appendOnceStored<T>(track: Track, stored: Promise<T>, toRecord: (value: T) => LogRecord): void {
    const { run } = track;
    stored
      .then((value) => {
        this.flushSession(run.sessionId);
        return this.append(run, toRecord(value), Promise.resolve(), track.fence);
      })
      .catch(() => {}); // logged by the recorder
  }

  private append(
    run: RunRecord,
    record: LogRecord,
    written: Promise<unknown>,
    fence: AppendFence | undefined,
  ): Promise<number | null> {
    return this.appendFor(run.sessionId, record, written, fence, run);
  }

  private appendFor(
    sessionId: string,
    record: LogRecord,
    written: Promise<unknown>,
    fence: AppendFence | undefined,
    run: RunRecord | null,
  ): Promise<number | null> {
    const { log } = this.deps;
    const go = async (): Promise<number | null> => {
      const seq = await log.append(sessionId, record, fence);
      if (seq === null && run) {
        this.abandon(run.id);
        this.onFenced(run);
      }
      return seq;
    };
    if (!this.deps.durable) return go().catch((err: unknown) => this.failed(sessionId, err));
    const prev = this.chains.get(sessionId) ?? Promise.resolve();
    const next = prev.then(async () => {
      await written.catch(() => {}); // a failed write is logged by the recorder; the entry still goes out
      return go();
    });
    const settled = next.catch((err: unknown) => this.failed(sessionId, err));
    this.chains.set(sessionId, settled);
    void settled.then(() => {
      if (this.chains.get(sessionId) === settled) this.chains.delete(sessionId);
    });
    return settled;
  }

  private failed(sessionId: string, err: unknown): null {
    this.logError(`session ${sessionId}: could not append to the session log`, err);
    return null;
  }
}
