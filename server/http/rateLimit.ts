/**
 * Sliding-window rate limit per key (an IP address or an author): at most `max` hits in `windowMs`.
 * In memory, per process: enough to stop a loop from flooding one server's gallery or starting runs by the
 * hundred. Also where the client key comes from (clientKey).
 */
import type { IncomingMessage } from "node:http";

/** Who is asking, for rate limits. We do not trust X-Forwarded-For unless told to (TRUST_PROXY=1). */
export function clientKey(req: IncomingMessage): string {
  const forwarded = process.env.TRUST_PROXY === "1" ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim() : "";
  return forwarded || req.socket.remoteAddress || "unknown";
}

export interface RateLimiter {
  /** Records a hit; returns 0 when allowed, else the seconds until the next hit would be allowed. */
  hit(key: string): number;
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
