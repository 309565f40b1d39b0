import type { IncomingMessage, ServerResponse } from "node:http";
import { sendRefusal } from "./respond";

/** The request's URL, or null when the URL parser rejects it. */
export function requestUrl(req: Pick<IncomingMessage, "url">): URL | null {
  try {
    return new URL(req.url ?? "/", "http://localhost");
  } catch {
    return null;
  }
}

/**
 * The request's URL, or null after answering 400 when the client sent one nothing can read: a request line the
 * URL parser rejects (`GET http://[ HTTP/1.1`), or a path that is not valid percent-encoding (`/s/%ZZ`, `%E0%A4%A`,
 * `%C0%AF`) — Next's dynamic pages answered those with 500. Checked once for every request, API and pages.
 */
export function readableRequestUrl(req: IncomingMessage, res: ServerResponse): URL | null {
  const url = requestUrl(req);
  if (!url) {
    sendRefusal(res, "bad_request", "malformed request URL");
    return null;
  }
  try {
    decodeURIComponent(url.pathname);
  } catch {
    sendRefusal(res, "bad_request", "malformed percent-encoding in the path");
    return null;
  }
  return url;
}
