import type { RoomBroadcaster } from "./broadcaster";
import { ProgressThrottle, systemClock, type ThrottleClock } from "./progressThrottle";

/**
 * How many people watch a session. Each app server knows its own viewers; a Presence turns that into the
 * count every viewer sees and announces it (`presence:updated`, not seq-numbered: only the latest matters).
 * Embedded: `LocalPresence`. Distributed: `RedisPresence` (server/distributed/redisPresence.ts) sums the
 * counts of every live app server.
 */
export interface Presence {
  /** This server's viewer count of a session changed. */
  changed(sessionId: string, localViewers: number): void;
  /** The count to put in a snapshot now (this server's viewers plus the others' last known). */
  total(sessionId: string, localViewers: number): number;
  /** The session's room was evicted or deleted: stop announcing it. */
  forget(sessionId: string): void;
  close(): Promise<void>;
}

/**
 * One process: the count is this server's. Announcements are coalesced per session (default 250 ms): without
 * it a crowd joining at once costs N^2 messages (every join tells everyone already there).
 */
export class LocalPresence implements Presence {
  private readonly throttles = new Map<string, ProgressThrottle<number>>();

  constructor(
    private readonly broadcaster: RoomBroadcaster,
    private readonly intervalMs = 250,
    private readonly clock: ThrottleClock = systemClock,
  ) {}

  changed(sessionId: string, localViewers: number): void {
    let t = this.throttles.get(sessionId);
    if (!t) {
      t = new ProgressThrottle<number>(
        this.intervalMs,
        (_key, count) => this.broadcaster.emit(sessionId, "presence:updated", { viewers: count }),
        this.clock,
      );
      this.throttles.set(sessionId, t);
    }
    t.push("viewers", localViewers);
  }

  total(_sessionId: string, localViewers: number): number {
    return localViewers;
  }

  forget(sessionId: string): void {
    this.throttles.get(sessionId)?.dispose(); // nobody left to tell
    this.throttles.delete(sessionId);
  }

  async close(): Promise<void> {
    for (const t of this.throttles.values()) t.dispose();
    this.throttles.clear();
  }
}
