import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Owner tokens: 32 random bytes, base64url. Only the sha256 hash is stored, so a leaked database
 * does not hand out control of sessions. Comparison is constant-time.
 */

export function generateOwnerToken(): string {
  return randomBytes(32).toString("base64url");
}

/** sha256 hex of the token (what `SessionRecord.ownerTokenHash` holds). */
export function hashOwnerToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** True when `token` hashes to `storedHash`; constant-time in the hash bytes. */
export function verifyOwnerToken(token: string | null | undefined, storedHash: string): boolean {
  if (!token || token.length > 200) return false;
  const candidate = Buffer.from(hashOwnerToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  if (candidate.length !== stored.length || stored.length === 0) return false;
  return timingSafeEqual(candidate, stored);
}
