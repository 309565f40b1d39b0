import type { Redis } from "ioredis";
import type { RoomBroadcaster } from "../sessions/broadcaster";
import type { Presence } from "../sessions/presence";
import { ProgressThrottle } from "../sessions/progressThrottle";
import { keys } from "./redis";
import { componentLog } from "../logging/logger";

export interface RedisPresenceDeps {
  redis: Redis;
  /** This server's sockets (presence:updated goes to the viewers each server holds). */
  broadcaster: RoomBroadcaster;
  serverId: string;
  /** Tells the other app servers that a session's count changed (Socket.IO adapter's serverSideEmit). */
  notifyOthers: (sessionId: string) => void;
  /** Coalescing per session (ms). */
  intervalMs?: number;
  /** A dead server's viewers stop counting after this long (ms). */
  aliveTtlMs?: number;
  logError?: (msg: string, err?: unknown) => void;
}

/**
 * Presence across app servers: each server writes its own viewer count of a session into one Redis hash
 * (field = server id) and keeps a liveness key; the count a viewer sees is the sum over live servers. A change
 * is written, then announced to the other servers through the Socket.IO adapter, and every server with viewers
 * of that session re-reads the sum and tells its own sockets. A server that dies stops counting when its
 * liveness key expires; the periodic refresh then corrects everyone's number.
 */
export class RedisPresence implements Presence {
  private readonly local = new Map<string, number>();
  /** Sum of the other servers' viewers, as last read. */
  private readonly others = new Map<string, number>();
  private readonly announced = new Map<string, number>();
  private readonly throttles = new Map<string, ProgressThrottle<number>>();
  /** Sessions whose local count changed since it was last written. */
  private readonly unwritten = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly intervalMs: number;
  private readonly aliveTtlMs: number;
  private readonly logError: (msg: string, err?: unknown) => void;

  constructor(private readonly deps: RedisPresenceDeps) {
    this.intervalMs = deps.intervalMs ?? 250;
    this.aliveTtlMs = deps.aliveTtlMs ?? 15_000;
    this.logError = deps.logError ?? componentLog("presence");
    void this.heartbeat();
    this.timer = setInterval(
      () => {
        void this.heartbeat();
        for (const sessionId of this.local.keys()) this.schedule(sessionId, false);
      },
      Math.max(1000, this.aliveTtlMs / 3),
    );
    this.timer.unref();
  }

  changed(sessionId: string, localViewers: number): void {
    this.local.set(sessionId, localViewers);
    this.schedule(sessionId, true);
  }

  total(sessionId: string, localViewers: number): number {
    return (this.others.get(sessionId) ?? 0) + localViewers;
  }

  /** Another server's count of this session changed. */
  remoteChanged(sessionId: string): void {
    if (this.local.has(sessionId)) this.schedule(sessionId, false);
  }

  forget(sessionId: string): void {
    this.throttles.get(sessionId)?.dispose();
    this.throttles.delete(sessionId);
    this.local.delete(sessionId);
    this.unwritten.delete(sessionId);
    this.others.delete(sessionId);
    this.announced.delete(sessionId);
    // This server's last viewer left (the room is evicted): its count goes, and the others re-read the sum.
    void this.deps.redis
      .hdel(keys.presence(sessionId), this.deps.serverId)
      .then(() => this.deps.notifyOthers(sessionId))
      .catch(() => {});
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const t of this.throttles.values()) t.dispose();
    this.throttles.clear();
    const sessions = [...this.local.keys()];
    this.local.clear();
    await Promise.all(sessions.map((s) => this.deps.redis.hdel(keys.presence(s), this.deps.serverId))).catch(() => {});
    await this.deps.redis.del(keys.alive(this.deps.serverId)).catch(() => {});
  }

  private heartbeat(): Promise<unknown> {
    return this.deps.redis.set(keys.alive(this.deps.serverId), "1", "PX", this.aliveTtlMs).catch(() => {});
  }

  /** `write`: this server's count changed (store it and tell the others) — else only re-read the sum. */
  private schedule(sessionId: string, write: boolean): void {
    if (write) this.unwritten.add(sessionId);
    let t = this.throttles.get(sessionId);
    if (!t) {
      t = new ProgressThrottle<number>(
        this.intervalMs,
        () => void this.sync(sessionId, this.unwritten.delete(sessionId)),
      );
      this.throttles.set(sessionId, t);
    }
    t.push("sync", 0);
  }

  private async sync(sessionId: string, write: boolean): Promise<void> {
    const { redis, serverId } = this.deps;
    try {
      const mine = this.local.get(sessionId);
      if (mine === undefined) return;
      if (write) {
        await (mine > 0
          ? redis.hset(keys.presence(sessionId), serverId, mine)
          : redis.hdel(keys.presence(sessionId), serverId));
        await redis.expire(keys.presence(sessionId), 24 * 3600);
        this.deps.notifyOthers(sessionId);
      }
      const counts = await redis.hgetall(keys.presence(sessionId));
      const servers = Object.keys(counts).filter((id) => id !== serverId);
      const alive = servers.length > 0 ? await redis.mget(...servers.map(keys.alive)) : [];
      let others = 0;
      servers.forEach((id, i) => {
        if (alive[i]) others += Number(counts[id]) || 0;
        else void redis.hdel(keys.presence(sessionId), id).catch(() => {}); // a dead server's viewers left with it
      });
      this.others.set(sessionId, others);
      const total = others + (this.local.get(sessionId) ?? 0);
      if (this.announced.get(sessionId) === total || (this.local.get(sessionId) ?? 0) === 0) return;
      this.announced.set(sessionId, total);
      this.deps.broadcaster.emit(sessionId, "presence:updated", { viewers: total });
    } catch (err) {
      this.logError(`presence of ${sessionId}: Redis unavailable`, err);
    }
  }
}
