import { Redis } from "ioredis";

/**
 * Redis connections and key names of the distributed mode. One place for the names, so a reader sees
 * everything this project stores in Redis (BullMQ's and the Socket.IO adapter's keys have their own prefixes).
 */
export const keys = {
  prefix: "vae:",
  /** BullMQ's key prefix (bull queues live under vae:bull:<queue>:…). */
  bullPrefix: "vae:bull",
  /** Session log: the seq counter and the stream of entries (ids `<seq>-0`). */
  seq: (sessionId: string) => `vae:log:${sessionId}:seq`,
  stream: (sessionId: string) => `vae:log:${sessionId}:stream`,
  /** Ownership token of a run: who may append its entries and write its status. */
  owner: (runId: string) => `vae:run:${runId}:owner`,
  /** How many times trainers took the run since its owner started it (crash-loop guard). */
  takes: (runId: string) => `vae:run:${runId}:takes`,
  /** Viewers per app server of a session (hash serverId -> count) and app servers' liveness. */
  presence: (sessionId: string) => `vae:presence:${sessionId}`,
  alive: (serverId: string) => `vae:alive:${serverId}`,
  /** Wakes a process's blocking log read when its subscriptions change. */
  wake: (consumerId: string) => `vae:wake:${consumerId}`,
  leader: "vae:leader",
  commands: "vae:commands",
  replies: (processId: string) => `vae:replies:${processId}`,
  /** Socket.IO Redis streams adapter. */
  socketStream: "vae:socket.io",
  rateLimit: "vae:rl",
} as const;

export interface RedisFactory {
  /** A new connection (each blocking reader or subscriber needs its own). */
  connect(name: string): Redis;
  /** Every connection made, for shutdown. */
  closeAll(): Promise<void>;
}

/**
 * Connections that survive a Redis restart on their own: reconnect with a capped backoff, and commands issued
 * while disconnected wait for the connection (`maxRetriesPerRequest: null`) instead of failing — BullMQ's
 * workers need that, and the session log relies on it to keep its order across a reconnect.
 */
export function redisFactory(url: string, onError: (name: string, err: Error) => void): RedisFactory {
  const made: Redis[] = [];
  return {
    connect(name) {
      const client = new Redis(url, {
        connectionName: name,
        maxRetriesPerRequest: null,
        enableReadyCheck: true,
        retryStrategy: (times) => Math.min(100 * times, 1000),
      });
      let reported = false;
      client.on("error", (err: Error) => {
        // ioredis emits one error per failed reconnect attempt; one line per outage is enough.
        if (!reported) onError(name, err);
        reported = true;
      });
      client.on("ready", () => (reported = false));
      made.push(client);
      return client;
    },
    async closeAll() {
      await Promise.all(made.map((c) => c.quit().catch(() => c.disconnect())));
      made.length = 0;
    },
  };
}
