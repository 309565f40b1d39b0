import type { ServerToClientEvents, SessionSnapshot } from "../../lib/contracts/socket";
import type { WorkerEvent } from "../../lib/contracts/training";
import type { Repositories, RunRecord } from "../repositories/types";
import type { RunEventSink } from "../scheduler/types";
import type { RoomBroadcaster } from "./broadcaster";
import { LocalPresence, type Presence } from "./presence";
import type { ThrottleClock } from "./progressThrottle";
import { loadRoomState, type RoomState } from "./roomState";
import { RunPublisher } from "./runPublisher";
import type { RunRecorder } from "./runRecorder";
import { InProcessSessionLog, type LogEntry, type LogRecord, type SeqPayload, type SessionLog } from "./sessionLog";
import { componentLog } from "../logging/logger";

export interface LiveRoomsDeps {
  repos: Repositories;
  recorder: RunRecorder;
  /** Sends to this server's sockets in a session's room. */
  broadcaster: RoomBroadcaster;
  /** 1-based queue position of a waiting run. */
  queuePosition: (runId: string) => number | undefined;
  /**
   * Makes `queuePosition` current (distributed: reads the shared queue). Called when a room loads, after the log's
   * head is read: a position announced before the head is then in the room already, one after it arrives as an
   * entry. Without it a room could load a stale position that the leader, having announced it, never repeats.
   */
  refreshPositions?: () => Promise<void>;
  /** The session log this server reads; default an in-process one, which makes these rooms the embedded publisher too. */
  log?: SessionLog;
  /** Who counts viewers; default this process alone. */
  presence?: Presence;
  /**
   * Publishes the runs this process trains (embedded). Default: one over the in-process log; null in an app server
   * of the distributed mode, where trainers publish.
   */
  publisher?: RunPublisher | null;
  /** The log lost entries of a session (distributed: Redis lost its data): make this server's viewers of it rejoin. */
  resync?: (sessionId: string) => void;
  /** A session was deleted here: tell the other app servers (distributed). */
  shareDrop?: (sessionId: string) => void;
  /** Minimum time between progress flushes per room (100 ms = at most 10 per second). */
  progressIntervalMs?: number;
  /** Minimum time between presence:updated per room (default 250 ms). */
  presenceIntervalMs?: number;
  maxStepPoints?: number;
  clock?: ThrottleClock;
  logError?: (msg: string, err?: unknown) => void;
}

type SeqDeltaEvent = "gallery:created" | "gallery:deleted";

/**
 * The live side of sessions on one app server: rooms loaded from the database and kept current from the
 * session log (server/sessions/sessionLog.ts), presence, and snapshots on join. Rooms stay in memory while
 * they have viewers or active runs of this process.
 *
 * In the embedded mode it is also the scheduler's RunEventSink: run events go to its RunPublisher, which
 * persists them and appends them to the in-process log, which delivers them straight back here.
 */
export class LiveRooms implements RunEventSink {
  private readonly rooms = new Map<string, RoomState>();
  private readonly loading = new Map<string, Promise<RoomState | null>>();
  private readonly subscriptions = new Map<string, () => void>();
  private readonly log: SessionLog;
  private readonly presence: Presence;
  readonly publisher: RunPublisher | null;
  private readonly logError: (msg: string, err?: unknown) => void;

  constructor(private readonly deps: LiveRoomsDeps) {
    this.log = deps.log ?? new InProcessSessionLog();
    this.presence = deps.presence ?? new LocalPresence(deps.broadcaster, deps.presenceIntervalMs ?? 250, deps.clock);
    this.logError = deps.logError ?? componentLog("rooms");
    this.publisher =
      deps.publisher !== undefined
        ? deps.publisher
        : new RunPublisher({
            repos: deps.repos,
            recorder: deps.recorder,
            log: this.log,
            durable: false,
            progressIntervalMs: deps.progressIntervalMs,
            maxStepPoints: deps.maxStepPoints,
            clock: deps.clock,
            logError: this.logError,
          });
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

  /**
   * The log's head first, then the database (which holds at least everything up to the head: producers persist
   * before they append, or — embedded — this process flushes its writes first), then the log's entries after the
   * head, applied idempotently on top.
   */
  private async loadFromDb(sessionId: string): Promise<RoomState | null> {
    const head = await this.log.head(sessionId);
    const early: LogEntry[] = [];
    let room: RoomState | null = null;
    const unsubscribe = this.log.subscribe(
      sessionId,
      head,
      (entry) => (room ? this.applyEntry(sessionId, room, entry) : early.push(entry)),
      () => this.resetRoom(sessionId),
    );
    let loaded: RoomState | null;
    try {
      await this.deps
        .refreshPositions?.()
        .catch((err: unknown) => this.logError(`room ${sessionId}: queue positions not refreshed`, err));
      loaded = await loadRoomState(this.deps.repos, sessionId, this.deps.queuePosition, this.deps.recorder);
    } catch (err) {
      unsubscribe();
      throw err;
    }
    const existing = this.rooms.get(sessionId);
    if (!loaded || existing) {
      unsubscribe();
      return existing ?? null;
    }
    loaded.seq = head;
    this.rooms.set(sessionId, loaded);
    this.subscriptions.set(sessionId, unsubscribe);
    room = loaded;
    for (const entry of early) this.applyEntry(sessionId, loaded, entry);
    return loaded;
  }

  private applyEntry(sessionId: string, state: RoomState, entry: LogEntry): void {
    if (this.rooms.get(sessionId) !== state || !state.apply(entry)) return;
    const payload = { ...entry.payload, seq: entry.seq };
    // The log entry's event and payload belong together (LogRecord is a union over events).
    (this.deps.broadcaster.emit as (s: string, e: keyof ServerToClientEvents, p: unknown) => void)(
      sessionId,
      entry.event,
      payload,
    );
  }

  private unload(sessionId: string): void {
    this.subscriptions.get(sessionId)?.();
    this.subscriptions.delete(sessionId);
    this.rooms.delete(sessionId);
    this.presence.forget(sessionId);
  }

  private maybeEvict(sessionId: string): void {
    const state = this.rooms.get(sessionId);
    if (!state || state.viewers > 0 || state.pinned.size > 0) return;
    this.publisher?.flushSession(sessionId);
    this.unload(sessionId);
  }

  /** The log cannot replay what this room missed: drop the room; its viewers rejoin and get a fresh snapshot. */
  private resetRoom(sessionId: string): void {
    const state = this.rooms.get(sessionId);
    if (!state) return;
    this.logError(`session ${sessionId}: the session log lost entries; viewers resync`);
    const pinned = [...state.pinned];
    this.unload(sessionId);
    this.deps.resync?.(sessionId);
    if (pinned.length > 0) void this.withRoom(sessionId, (s) => pinned.forEach((id) => s.pinned.add(id)));
  }

  // ---------- presence and snapshots ----------

  /**
   * A viewer joins. `attach` runs synchronously with the snapshot (subscribe the socket to the room
   * there, so every later delta reaches it) and says whether to count a new viewer and whether it is
   * the owner. `deliver` sends the snapshot in the same synchronous block, so no later delta can reach
   * the client before it. Resolves false for an unknown session.
   */
  async join(
    sessionId: string,
    attach: (state: RoomState) => { count: boolean; isOwner: boolean },
    deliver: (snapshot: SessionSnapshot) => void,
  ): Promise<boolean> {
    const found = await this.withRoom(sessionId, (state) => {
      const { count, isOwner } = attach(state);
      if (count) state.viewers += 1;
      deliver(state.snapshot(isOwner, this.presence.total(sessionId, state.viewers)));
      if (count) this.presence.changed(sessionId, state.viewers);
      return true;
    });
    return found ?? false;
  }

  leave(sessionId: string): void {
    const state = this.rooms.get(sessionId);
    if (!state) return;
    state.viewers = Math.max(0, state.viewers - 1);
    this.presence.changed(sessionId, state.viewers);
    this.maybeEvict(sessionId);
  }

  viewers(sessionId: string): number {
    return this.rooms.get(sessionId)?.viewers ?? 0;
  }

  /** A new session: its log starts (before anything is appended to it). */
  openSession(sessionId: string): Promise<void> {
    return this.log.open(sessionId);
  }

  /** The session was deleted: tell this server's viewers and forget the room (and, where it was deleted, its log). */
  dropSession(sessionId: string, opts: { fromOtherServer?: boolean } = {}): void {
    this.publisher?.forgetSession(sessionId);
    this.unload(sessionId);
    this.deps.broadcaster.emit(sessionId, "session:deleted", { sessionId });
    if (opts.fromOtherServer) return;
    this.deps.shareDrop?.(sessionId);
    void this.log
      .drop(sessionId)
      .catch((err: unknown) => this.logError(`session ${sessionId}: could not drop its log`, err));
  }

  /** Appends a seq-numbered entry that is not about a run's training (gallery items) to the session's log. */
  emitDelta<E extends SeqDeltaEvent>(sessionId: string, event: E, payload: SeqPayload<E>): void {
    const record = { event, payload } as LogRecord;
    const appended = this.publisher ? this.publisher.other(sessionId, record) : this.log.append(sessionId, record);
    void appended.catch((err: unknown) => this.logError(`session ${sessionId}: could not announce ${event}`, err));
  }

  // ---------- run events (RunEventSink, embedded) ----------

  private requirePublisher(): RunPublisher {
    if (!this.publisher) throw new Error("these rooms publish no runs (distributed app server: trainers do)");
    return this.publisher;
  }

  async beforeStart(run: RunRecord): Promise<void> {
    await this.withRoom(run.sessionId, (state) => {
      state.pinned.add(run.id);
    });
    await this.requirePublisher().begin(run);
  }

  async afterEnd(run: RunRecord): Promise<void> {
    await this.requirePublisher().end(run.id);
    const state = this.rooms.get(run.sessionId);
    if (state) {
      state.pinned.delete(run.id);
      this.maybeEvict(run.sessionId);
    }
  }

  runChanged(run: RunRecord): void {
    void this.requirePublisher().status(run, this.deps.queuePosition(run.id));
  }

  /** Queue positions moved: announce the waiting runs whose position changed. */
  queueChanged(): void {
    for (const [sessionId, state] of this.rooms) {
      for (const live of state.runs.values()) {
        if (live.view.status !== "queued") continue;
        const position = this.deps.queuePosition(live.view.id);
        if (position === live.view.queuePosition) continue;
        const { queuePosition: _old, ...rest } = live.view;
        const view = position === undefined ? rest : { ...rest, queuePosition: position };
        void this.requirePublisher().other(sessionId, { event: "run:status", payload: { run: view } });
      }
    }
  }

  workerEvent(run: RunRecord, event: WorkerEvent): void {
    this.requirePublisher().workerEvent(run.id, event);
  }

  /** Stops reading the log and announcing presence (server shutdown). */
  async close(): Promise<void> {
    for (const id of [...this.rooms.keys()]) this.unload(id);
    await this.presence.close();
  }
}
