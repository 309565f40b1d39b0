import type { StepPoint } from "../../lib/contracts/session";
import { DELTA_EVENTS, type DeltaEvent, type DeltaPayload } from "../../lib/contracts/socket";

/**
 * One ordered event stream per session: every `seq`-numbered delta a viewer receives is an entry of
 * its session's log. Producers (the run publisher, queue announcements, the gallery) append; the log
 * assigns `seq` at the one place where order is decided; consumers (the live rooms of every app server)
 * apply entries in seq order to their room state and send them to their own sockets.
 *
 * Embedded mode: `InProcessSessionLog` (a counter per session, synchronous delivery).
 * Distributed mode: `RedisSessionLog` (server/distributed/redisSessionLog.ts): a Redis stream per session,
 * seq assigned by a Lua script atomically with the append.
 */

/** Every seq-numbered delta of lib/contracts/socket.ts is a log entry. */
export const SEQ_EVENTS = DELTA_EVENTS;
export type SeqEvent = DeltaEvent;

/** The wire payload of a delta without its seq (the log adds it). */
export type SeqPayload<E extends SeqEvent> = DeltaPayload<E>;

/** What producers append. `step`: a progress point the run keeps (snapshot + database), on progress and epoch entries. */
export type LogRecord = { [E in SeqEvent]: { event: E; payload: SeqPayload<E>; step?: StepPoint } }[SeqEvent];
export type LogEntry = LogRecord & { seq: number };

/**
 * Who may append a run's entries (distributed mode; the in-process log has one writer and ignores it).
 * `owner`: only the holder of the run's current ownership token (a trainer, or an app server that took
 * the run over) — a trainer that lost its run is fenced out. `unowned`: only while no process holds the
 * run (queue-position announcements for waiting runs).
 */
export type AppendFence = { runId: string; token: string } | { runId: string; unowned: true };

export interface SessionLog {
  /** A new session starts its log (distributed: its counter, so its first entries are numbered 1, 2, 3). */
  open(sessionId: string): Promise<void>;
  /** Appends and resolves with the entry's seq, or null when the fence refused it. Order of calls = order of seq per process. */
  append(sessionId: string, record: LogRecord, fence?: AppendFence): Promise<number | null>;
  /** The seq of the newest entry (0 when there is none). */
  head(sessionId: string): Promise<number>;
  /**
   * Delivers every entry with seq > `afterSeq` in order, then new ones as they are appended, until the returned
   * function is called. `onReset`: the log lost entries it cannot replay (Redis lost its data) — the consumer must
   * rebuild its state from the database.
   */
  subscribe(sessionId: string, afterSeq: number, onEntry: (entry: LogEntry) => void, onReset?: () => void): () => void;
  /** Forgets a deleted session's entries. */
  drop(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded log: one counter per session; `append` delivers synchronously to the session's subscribers
 * before it returns, so a single process keeps exactly the timing it had before the log existed.
 */
export class InProcessSessionLog implements SessionLog {
  private readonly seqs = new Map<string, number>();
  private readonly subscribers = new Map<string, Set<(entry: LogEntry) => void>>();

  open(): Promise<void> {
    return Promise.resolve(); // counters start at 0 on their own
  }

  append(sessionId: string, record: LogRecord): Promise<number> {
    return Promise.resolve(this.appendNow(sessionId, record));
  }

  /** Synchronous append (embedded producers rely on delivery before they return). */
  appendNow(sessionId: string, record: LogRecord): number {
    const seq = (this.seqs.get(sessionId) ?? 0) + 1;
    this.seqs.set(sessionId, seq);
    const entry = { ...record, seq };
    for (const fn of [...(this.subscribers.get(sessionId) ?? [])]) fn(entry);
    return seq;
  }

  headNow(sessionId: string): number {
    return this.seqs.get(sessionId) ?? 0;
  }

  head(sessionId: string): Promise<number> {
    return Promise.resolve(this.headNow(sessionId));
  }

  /** Nothing is kept, so `afterSeq` must be the current head: later entries are delivered as they come. */
  subscribe(sessionId: string, _afterSeq: number, onEntry: (entry: LogEntry) => void): () => void {
    let set = this.subscribers.get(sessionId);
    if (!set) this.subscribers.set(sessionId, (set = new Set()));
    set.add(onEntry);
    return () => {
      set.delete(onEntry);
      if (set.size === 0 && this.subscribers.get(sessionId) === set) this.subscribers.delete(sessionId);
    };
  }

  drop(sessionId: string): Promise<void> {
    this.seqs.delete(sessionId);
    this.subscribers.delete(sessionId);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.subscribers.clear();
    return Promise.resolve();
  }
}
