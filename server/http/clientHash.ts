import { createHash, createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { clientKey } from "./rateLimit";

/**
 * What the database keeps of who asked for a run (fair queueing and per-client budgets): a hash of the client's
 * key (its address, or its IPv6 /64), never the address itself. With CLIENT_HASH_SECRET set it is an HMAC that
 * cannot be reversed without the secret; without it a plain sha256 — an IPv4 address can then be recovered by
 * trying all 2^32 of them, which docs/security.md says. Every app server must compute the same hash for the same
 * client, so the secret (when set) is the same on all of them.
 */
export function hashClientKey(key: string, secret: string | null): string {
  const digest = secret
    ? createHmac("sha256", secret).update(key, "utf8")
    : createHash("sha256").update(`vae-playground client:${key}`, "utf8");
  return digest.digest("hex").slice(0, 32);
}

export function requestClientHash(req: IncomingMessage, secret: string | null, trustProxy: boolean): string {
  return hashClientKey(clientKey(req, trustProxy), secret);
}
