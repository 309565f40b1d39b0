import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./respond";

/**
 * Headers every response carries, API and pages alike. `nosniff`: browsers must take a response's Content-Type at
 * its word — a gallery PNG is never run as HTML or script, whatever bytes a visitor managed to put in it.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
};

export function setSecurityHeaders(res: Pick<ServerResponse, "setHeader">): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/**
 * The request's URL, or null after answering 400 when it cannot be parsed: a request line the URL parser
 * rejects (`GET http://[ HTTP/1.1`) is the client's mistake, not the server's.
 */
export function parseRequestUrl(req: IncomingMessage, res: ServerResponse): URL | null {
  try {
    return new URL(req.url ?? "/", "http://localhost");
  } catch {
    sendJson(res, 400, { error: "malformed request URL" });
    return null;
  }
}
