import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import { logger } from "./logger";

/**
 * The path of a request as it may be logged: the URL parser's pathname, where control characters and spaces are
 * percent-encoded (no line can be forged through it), without the query, which may carry an owner token.
 */
export function loggablePath(rawUrl: string | undefined): string {
  try {
    return new URL(rawUrl ?? "/", "http://localhost").pathname.slice(0, 300);
  } catch {
    return "(unreadable URL)";
  }
}

let http: Logger | null = null;
const httpLog = (): Logger => (http ??= logger().child({ component: "http" }));

/**
 * One line per HTTP request once its response is finished (or the client went away): method, path, status and
 * duration in ms. Next's static assets are logged at debug level: a page load asks for dozens.
 */
export function logRequest(req: IncomingMessage, res: ServerResponse, log: Logger = httpLog()): void {
  const started = performance.now();
  const write = () => {
    const path = loggablePath(req.url);
    const fields = {
      method: (req.method ?? "GET").slice(0, 10),
      path,
      status: res.headersSent ? res.statusCode : 0,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (path.startsWith("/_next/")) log.debug(fields, "request");
    else log.info(fields, "request");
  };
  res.once("close", write);
}
