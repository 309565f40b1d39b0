/**
 * The owner cookie: one per session (`owner_<sessionId>`), httpOnly, SameSite=Lax, Path=/ so that
 * both `/api/sessions/<id>/...` and the Socket.IO handshake (`/socket.io`) carry it.
 */

const MAX_AGE_SECONDS = 60 * 60 * 24 * 365;

export function ownerCookieName(sessionId: string): string {
  return `owner_${sessionId}`;
}

/** Parses a Cookie header into a map (first occurrence wins; malformed pairs are skipped). */
export function parseCookies(header: string | undefined | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || out.has(name)) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

/** Set-Cookie value for the owner cookie. `secure` when the public URL is https. */
export function ownerCookieHeader(sessionId: string, token: string, opts: { secure: boolean }): string {
  const parts = [
    `${ownerCookieName(sessionId)}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${MAX_AGE_SECONDS}`,
  ];
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}

/** Set-Cookie value that removes the owner cookie (after the session is deleted). */
export function clearOwnerCookieHeader(sessionId: string): string {
  return `${ownerCookieName(sessionId)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

/**
 * The owner token a request presents for `sessionId`: `Authorization: Bearer <token>` first,
 * then the session's cookie.
 */
export function presentedOwnerToken(
  headers: { authorization?: string | undefined; cookie?: string | undefined },
  sessionId: string,
): string | null {
  const auth = headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    if (m?.[1]) return m[1];
  }
  return parseCookies(headers.cookie).get(ownerCookieName(sessionId)) ?? null;
}
