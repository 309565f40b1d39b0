import type { IncomingMessage, ServerResponse } from "node:http";
import { ZodError, type ZodType } from "zod";
import { DomainError } from "../sessions/errors";
import { zodMessage } from "../sessions/sessionService";

/** Request-level errors (bad JSON, body too large) with their HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Sent with the error response, e.g. Retry-After for 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Default limit for JSON bodies; routes that take uploads pass their own. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendBytes(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Uint8Array | string,
  headers: Record<string, string> = {},
): void {
  const buf = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": buf.byteLength, ...headers });
  res.end(buf);
}

/** Maps any error to `{ error }` with a status; unknown errors are logged and hidden. */
export function sendError(res: ServerResponse, err: unknown, log: (msg: string, err?: unknown) => void): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message }, err.headers);
  if (err instanceof DomainError) return sendJson(res, err.status, { error: err.message });
  if (err instanceof ZodError) return sendJson(res, 400, { error: zodMessage(err) });
  log("http: unhandled error", err);
  sendJson(res, 500, { error: "internal error" });
}

/** Reads the raw body, refusing more than `limit` bytes with 413. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) throw new HttpError(413, `request body too large (limit ${limit} bytes)`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.byteLength;
    if (size > limit) throw new HttpError(413, `request body too large (limit ${limit} bytes)`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON body and parses it with `schema`. An empty body parses as `{}` so schemas with
 * defaults accept bodiless POSTs.
 */
export async function readJson<T>(req: IncomingMessage, schema: ZodType<T>, limit = DEFAULT_BODY_LIMIT): Promise<T> {
  const ct = req.headers["content-type"];
  const raw = await readBody(req, limit);
  let value: unknown = {};
  if (raw.byteLength > 0) {
    if (ct && !/^application\/json\b/i.test(ct)) throw new HttpError(415, "send JSON (Content-Type: application/json)");
    try {
      value = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new HttpError(400, "request body is not valid JSON");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, zodMessage(parsed.error));
  return parsed.data;
}
