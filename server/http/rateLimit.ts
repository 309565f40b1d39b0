/**
 * Rate limits per key (an IP address or an author): at most `max` hits in `windowMs`. Embedded: a sliding window in
 * this process's memory. Distributed: the same limit held across every app server in Redis (rate-limiter-flexible),
 * with an in-memory limiter taking over while Redis is unreachable. Also where the client key comes from (clientKey).
 */
import type { IncomingMessage } from "node:http";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/** Who is asking, for rate limits. We do not trust X-Forwarded-For unless told to (TRUST_PROXY=1). */
export function clientKey(req: IncomingMessage): string {
  const forwarded = process.env.TRUST_PROXY === "1" ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim() : "";
  return forwarded || req.socket.remoteAddress || "unknown";
}

export interface RateLimiter {
  /** Records a hit; returns 0 when allowed, else the seconds until the next hit would be allowed. */
  hit(key: string): number | Promise<number>;
}

/** One limit shared by every app server (fixed windows of `windowMs` in Redis). */
export function redisRateLimiter(redis: Redis, opts: { name: string; max: number; windowMs: number }): RateLimiter {
  const duration = Math.max(1, Math.round(opts.windowMs / 1000));
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `vae:rl:${opts.name}`,
    points: opts.max,
    duration,
    insuranceLimiter: new RateLimiterMemory({ points: opts.max, duration }),
  });
  return {
    async hit(key) {
      try {
        await limiter.consume(key);
        return 0;
      } catch (res) {
        if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        throw res;
      }
    },
  };
}

export function createRateLimiter(opts: { max: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const hits = new Map<string, number[]>();
  return {
    hit(key) {
      const t = now();
      const recent = (hits.get(key) ?? []).filter((h) => t - h < opts.windowMs);
      if (recent.length >= opts.max) {
        hits.set(key, recent);
        return Math.max(1, Math.ceil(((recent[0] ?? t) + opts.windowMs - t) / 1000));
      }
      recent.push(t);
      hits.set(key, recent);
      // Forget idle keys now and then so the map cannot grow without bound.
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.every((h) => t - h >= opts.windowMs)) hits.delete(k);
      return 0;
    },
  };
}
