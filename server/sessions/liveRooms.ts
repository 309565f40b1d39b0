import type { ServerToClientEvents, SessionSnapshot } from "../../lib/contracts/session";
import type { Progress, WorkerEvent } from "../../lib/contracts/training";
import type { Repositories, RunRecord } from "../repositories/types";
import type { RunEventSink } from "../scheduler/types";
import type { RoomBroadcaster } from "./broadcaster";
import { ProgressThrottle, systemClock, type ThrottleClock } from "./progressThrottle";
import { gridToWire, loadRoomState, type RoomState, type RunLiveState } from "./roomState";
import type { RunRecorder } from "./runRecorder";
import { MAX_STEP_POINTS } from "./stepDownsampler";
import { toCheckpointView, toRunView } from "./views";

export interface LiveRoomsDeps {
  repos: Repositories;
  recorder: RunRecorder;
  broadcaster: RoomBroadcaster;
  /** 1-based queue position of a waiting run (from the scheduler). */
  queuePosition: (runId: string) => number | undefined;
  /** Minimum time between progress flushes per room (100 ms = at most 10 per second). */
  progressIntervalMs?: number;
  /**
   * Minimum time between presence:updated per room (default 250 ms). Without it a crowd joining
   * at once costs N^2 messages (every join tells everyone already there).
   */
  presenceIntervalMs?: number;
  maxStepPoints?: number;
  clock?: ThrottleClock;
}

type SeqDeltaEvent = "gallery:created" | "gallery:deleted";


/**
 * The live side of sessions: room state cache, presence, and turning run events into persisted
 * records plus `seq`-numbered deltas. Rooms are loaded from the database on first use and kept in
 * memory while they have viewers or active runs.
 */
export class LiveRooms implements RunEventSink {
  private readonly rooms = new Map<string, RoomState>();
  private readonly loading = new Map<string, Promise<RoomState | null>>();
  private readonly throttles = new Map<string, ProgressThrottle<Progress>>();
  private readonly presence = new Map<string, ProgressThrottle<number>>();
  private readonly intervalMs: number;
  private readonly presenceIntervalMs: number;
  private readonly maxStepPoints: number;
  private readonly clock: ThrottleClock;

  constructor(private readonly deps: LiveRoomsDeps) {
    this.intervalMs = deps.progressIntervalMs ?? 100;
    this.presenceIntervalMs = deps.presenceIntervalMs ?? 250;
    this.maxStepPoints = deps.maxStepPoints ?? MAX_STEP_POINTS;
    this.clock = deps.clock ?? systemClock;
  }

  // ---------- loading ----------

  /**
   * Runs `fn` synchronously on the session's current room state (loading it if needed), so nothing
   * can interleave between "state is current" and `fn`. Resolves null when the session does not exist.
   */
  async withRoom<T>(sessionId: string, fn: (state: RoomState) => T): Promise<T | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const state = await this.load(sessionId);
      if (!state) return null;
      if (this.rooms.get(sessionId) === state) return fn(state);
      // Evicted between load and now (its last viewer left): load again.
    }
    throw new Error(`room ${sessionId} keeps being evicted while loading`);
  }

  isLoaded(sessionId: string): boolean {
    return this.rooms.has(sessionId);
  }

  private load(sessionId: string): Promise<RoomState | null> {
    const cached = this.rooms.get(sessionId);
    if (cached) return Promise.resolve(cached);
    let pending = this.loading.get(sessionId);
    if (!pending) {
      pending = this.loadFromDb(sessionId).finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, pending);
    }
    return pending;
  }

  private async loadFromDb(sessionId: string): Promise<RoomState | null> {
    const state = await loadRoomState(this.deps.repos, this.deps.recorder, sessionId, this.maxStepPoints);
    if (!state) return null;
    const existing = this.rooms.get(sessionId);
    if (existing) return existing;
    this.rooms.set(sessionId, state);
    return state;
  }

  private maybeEvict(sessionId: string): void {
    const state = this.rooms.get(sessionId);
    if (!state || state.viewers > 0 || state.pinned.size > 0) return;
    this.throttles.get(sessionId)?.flush();
    this.throttles.get(sessionId)?.dispose();
    this.throttles.delete(sessionId);
    this.presence.get(sessionId)?.dispose(); // nobody left to tell
    this.presence.delete(sessionId);
    this.rooms.delete(sessionId);
  }

  // ---------- presence and snapshots ----------

  /**
   * A viewer joins. `attach` runs synchronously with the snapshot (subscribe the socket to the room
   * there, so every later delta reaches it) and says whether to count a new viewer and whether it is
   * the owner. `deliver` sends the snapshot in the same synchronous block, so no later delta can reach
   * the client before it (a checkpoint delta resolving in a microtask would otherwise slip in between).
   * Resolves false for an unknown session.
   */
  async join(
    sessionId: string,
    attach: (state: RoomState) => { count: boolean; isOwner: boolean },
    deliver: (snapshot: SessionSnapshot) => void,
  ): Promise<boolean> {
    const found = await this.withRoom(sessionId, (state) => {
      const { count, isOwner } = attach(state);
      if (count) state.viewers += 1;
      deliver(state.snapshot(isOwner, this.deps.queuePosition));
      if (count) this.announcePresence(sessionId, state.viewers);
      return true;
    });
    return found ?? false;
  }

  leave(sessionId: string): void {
    const state = this.rooms.get(sessionId);
    if (!state) return;
    state.viewers = Math.max(0, state.viewers - 1);
    this.announcePresence(sessionId, state.viewers);
    this.maybeEvict(sessionId);
  }

  viewers(sessionId: string): number {
    return this.rooms.get(sessionId)?.viewers ?? 0;
  }

  /** The session was deleted: tell its viewers and forget the room. */
  dropSession(sessionId: string): void {
    this.throttles.get(sessionId)?.dispose();
    this.throttles.delete(sessionId);
    this.presence.get(sessionId)?.dispose();
    this.presence.delete(sessionId);
    this.rooms.delete(sessionId);
    this.deps.broadcaster.emit(sessionId, "session:deleted", { sessionId });
  }

  /** Sends a seq-numbered delta that is not about runs (gallery items) to a session's viewers. */
  emitDelta<E extends SeqDeltaEvent>(
    sessionId: string,
    event: E,
    payload: Omit<Parameters<ServerToClientEvents[E]>[0], "seq">,
  ): void {
    const state = this.rooms.get(sessionId);
    if (!state) return; // nobody is watching; a later join reads the database
    this.flushProgress(sessionId);
    const args = [{ ...payload, seq: state.nextSeq() }] as unknown as Parameters<ServerToClientEvents[E]>;
    this.deps.broadcaster.emit(sessionId, event, ...args);
  }

  // ---------- run events (RunEventSink) ----------

  async beforeStart(run: RunRecord): Promise<void> {
    await this.withRoom(run.sessionId, (state) => {
      state.pinned.add(run.id);
    });
  }

  async afterEnd(run: RunRecord): Promise<void> {
    this.flushProgress(run.sessionId);
    await this.deps.recorder.flush(run.id);
    const state = this.rooms.get(run.sessionId);
    if (state) {
      state.pinned.delete(run.id);
      this.maybeEvict(run.sessionId);
    }
  }

  runChanged(run: RunRecord): void {
    const state = this.rooms.get(run.sessionId);
    const live = state?.runs.get(run.id);
    if (!state || !live) return;
    live.record = run;
    this.emitStatus(state, live);
  }

  queueChanged(): void {
    for (const state of this.rooms.values()) {
      for (const live of state.runs.values()) {
        if (live.record.status !== "queued") continue;
        if (this.deps.queuePosition(live.record.id) !== live.announcedPosition) this.emitStatus(state, live);
      }
    }
  }

  workerEvent(run: RunRecord, event: WorkerEvent): void {
    const { recorder } = this.deps;
    const state = this.rooms.get(run.sessionId);
    const live = state?.runs.get(run.id);
    switch (event.type) {
      case "progress": {
        const { type: _t, ...progress } = event;
        if (state && live) this.throttle(run.sessionId).push(run.id, progress);
        return;
      }
      case "epoch": {
        const { type: _t, ...metrics } = event;
        if (live?.epochs.some((m) => m.epoch === metrics.epoch)) return; // replayed after a resume
        this.flushProgress(run.sessionId);
        const last = live?.downsampler.epochEnded();
        if (live && last) {
          live.steps.push(last);
          recorder.addStep(run.id, last);
        }
        recorder.addEpoch(run.id, metrics);
        if (!state || !live) return;
        live.epochs.push(metrics);
        this.deps.broadcaster.emit(run.sessionId, "run:epoch", { seq: state.nextSeq(), runId: run.id, ...metrics });
        return;
      }
      case "samples": {
        if (live?.gridEpochs.includes(event.epoch)) return;
        recorder.addGrids(run.id, event.epoch, event.grids);
        if (!state || !live) return;
        this.flushProgress(run.sessionId);
        const grids = event.grids.map((g) => gridToWire(run.id, event.epoch, g));
        live.latestGrids = grids;
        live.gridEpochs.push(event.epoch);
        this.deps.broadcaster.emit(run.sessionId, "run:samples", { seq: state.nextSeq(), grids });
        return;
      }
      case "checkpoint": {
        recorder
          .addCheckpoint(run.id, event.epoch, event.artifacts)
          .then((summary) => {
            // Re-read: the room may have been reloaded while the weights were written.
            const st = this.rooms.get(run.sessionId);
            const lv = st?.runs.get(run.id);
            if (!st || !lv) return;
            this.flushProgress(run.sessionId);
            const view = toCheckpointView(summary);
            lv.checkpoints.push(view);
            this.deps.broadcaster.emit(run.sessionId, "run:checkpoint", { seq: st.nextSeq(), ...view });
          })
          .catch(() => {}); // logged by the recorder
        return;
      }
      default:
        return; // ready / status / done / error are the scheduler's business
    }
  }

  // ---------- internals ----------

  private announcePresence(sessionId: string, viewers: number): void {
    let t = this.presence.get(sessionId);
    if (!t) {
      t = new ProgressThrottle<number>(
        this.presenceIntervalMs,
        (_key, count) => this.deps.broadcaster.emit(sessionId, "presence:updated", { viewers: count }),
        this.clock,
      );
      this.presence.set(sessionId, t);
    }
    t.push("viewers", viewers);
  }

  private emitStatus(state: RoomState, live: RunLiveState): void {
    this.flushProgress(state.session.id);
    const position = this.deps.queuePosition(live.record.id);
    live.announcedPosition = live.record.status === "queued" ? position : undefined;
    this.deps.broadcaster.emit(state.session.id, "run:status", {
      seq: state.nextSeq(),
      run: toRunView(live.record, position),
    });
  }

  private flushProgress(sessionId: string): void {
    this.throttles.get(sessionId)?.flush();
  }

  private throttle(sessionId: string): ProgressThrottle<Progress> {
    let t = this.throttles.get(sessionId);
    if (!t) {
      t = new ProgressThrottle<Progress>(this.intervalMs, (runId, p) => this.emitProgress(sessionId, runId, p), this.clock);
      this.throttles.set(sessionId, t);
    }
    return t;
  }

  private emitProgress(sessionId: string, runId: string, progress: Progress): void {
    const state = this.rooms.get(sessionId);
    const live = state?.runs.get(runId);
    if (!state || !live) return;
    live.progress = progress;
    const kept = live.downsampler.offer(progress);
    if (kept) {
      live.steps.push(kept);
      this.deps.recorder.addStep(runId, kept);
    }
    this.deps.broadcaster.emit(sessionId, "run:progress", {
      seq: state.nextSeq(),
      runId,
      sentAt: Date.now(),
      ...progress,
    });
  }
}
