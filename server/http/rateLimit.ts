/**
 * Rate limits per key (an IP address or an author): at most `max` hits in `windowMs`. Embedded: a sliding window in
 * this process's memory. Distributed: the same limit held across every app server in Redis (rate-limiter-flexible),
 * with an in-memory limiter taking over while Redis is unreachable. Also where the client key comes from (clientKey).
 */
import type { IncomingMessage } from "node:http";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Who is asking, for rate limits and budgets. We do not trust X-Forwarded-For unless told to (TRUST_PROXY=1).
 * IPv6 clients are keyed by their /64 network: one home or host gets a whole /64 and could otherwise take a new
 * address for every request. IPv4-mapped IPv6 addresses ("::ffff:1.2.3.4") count as the IPv4 address.
 */
export function clientKey(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? String(req.headers["x-forwarded-for"] ?? "")
        .split(",")[0]
        ?.trim()
    : "";
  return addressKey(forwarded || req.socket.remoteAddress || "unknown");
}

/** An address as a client key: IPv4 as is, IPv6 as its /64 prefix ("2001:db8:1:2::/64"). */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.split("%")[0]!.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return address; // not an IPv6 address: keep it whole
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
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
