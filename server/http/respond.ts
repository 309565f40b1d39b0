import type { IncomingMessage, ServerResponse } from "node:http";
import type { ZodType } from "zod";
import type { ErrorCode } from "../../lib/contracts/errors";
import { AppError, errorBody, invalidInput, toWireFailure } from "../errors";

/** Default limit for JSON bodies; routes that take uploads pass their own. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
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
  const buf =
    typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": buf.byteLength, ...headers });
  res.end(buf);
}

/** Maps any error to `{ error: { code, message } }` with its status; unknown errors are logged and hidden. */
export function sendError(res: ServerResponse, err: unknown, log: (msg: string, err?: unknown) => void): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const failure = toWireFailure(err, (e) => log("http: unhandled error", e));
  sendJson(res, failure.status, failure.body, failure.headers);
}

/** A refusal decided without throwing (router 404/405, unreadable URLs). */
export function sendRefusal(res: ServerResponse, code: ErrorCode, message: string): void {
  sendJson(res, new AppError(code, message).status, errorBody(code, message));
}

/** Reads the raw body, refusing more than `limit` bytes with 413. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) throw new AppError("payload_too_large", `request body too large (limit ${limit} bytes)`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.byteLength;
    if (size > limit) throw new AppError("payload_too_large", `request body too large (limit ${limit} bytes)`);
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
    if (ct && !/^application\/json\b/i.test(ct))
      throw new AppError("unsupported_media_type", "send JSON (Content-Type: application/json)");
    value = parseJsonText(raw);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** JSON.parse of a body, as a 400 when it is not JSON. */
export function parseJsonText(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "request body is not valid JSON");
  }
}
