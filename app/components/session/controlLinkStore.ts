/**
 * The control link is shown once, on the session page right after creating (or forking) a session.
 * The home page leaves it in sessionStorage (this tab only); the session page shows it and forgets it.
 */

export interface ControlLinkNote {
  controlUrl: string;
  ownerToken: string;
}

const key = (sessionId: string) => `vae-playground:control:${sessionId}`;

export function rememberControlLink(sessionId: string, note: ControlLinkNote): void {
  try {
    sessionStorage.setItem(key(sessionId), JSON.stringify(note));
  } catch {
    // Storage may be disabled (private mode): the owner cookie still works, only the notice is lost.
  }
}

export function takeControlLink(sessionId: string): ControlLinkNote | null {
  try {
    const raw = sessionStorage.getItem(key(sessionId));
    if (!raw) return null;
    sessionStorage.removeItem(key(sessionId));
    const parsed = JSON.parse(raw) as Partial<ControlLinkNote>;
    return typeof parsed.controlUrl === "string" && typeof parsed.ownerToken === "string"
      ? { controlUrl: parsed.controlUrl, ownerToken: parsed.ownerToken }
      : null;
  } catch {
    return null;
  }
}

/** The server may return relative URLs; links shared in a chat must be absolute. */
export function absoluteUrl(url: string, origin: string): string {
  try {
    return new URL(url, origin).toString();
  } catch {
    return url;
  }
}
