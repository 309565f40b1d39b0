import { randomBytes } from "node:crypto";

/**
 * Repository ids: 20 url-safe characters, `[0-9a-z]`, that sort in creation order.
 * 9 base-36 characters of milliseconds since 1970 (enough until the year 5000+), 3 of a per-process
 * counter within the same millisecond, 8 random. Sorting by id therefore orders "newest first"
 * listings (gallery) without a tie-breaker, and a deleted item's id still works as a paging cursor.
 * Across processes ids created in the same millisecond are ordered arbitrarily, which is harmless.
 */
let lastMs = 0;
let seq = 0;

export function newId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    seq = 0;
  } else {
    seq += 1; // same (or earlier, after a clock step back) millisecond: stay monotonic
    if (seq >= 36 ** 3) {
      lastMs += 1;
      seq = 0;
    }
  }
  const time = lastMs.toString(36).padStart(9, "0");
  const counter = seq.toString(36).padStart(3, "0");
  let random = "";
  for (const byte of randomBytes(8)) random += (byte % 36).toString(36);
  return time + counter + random;
}
