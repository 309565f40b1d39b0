import { ZodError } from "zod";
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "../lib/contracts/errors";

/**
 * The one error type the server raises on purpose: a stable `code` (lib/contracts/errors.ts), a message safe to
 * show to the client, and for `rate_limited` the seconds to wait. Anything else that is thrown is logged and
 * reported as `internal`. Mapped to the wire once, by `toWireFailure`, for HTTP and for socket acks alike.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Seconds, sent as Retry-After with a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

export const sessionNotFound = () => new AppError("not_found", "session not found");
export const runNotFound = () => new AppError("not_found", "run not found in this session");

/** One readable line naming the field of a zod error's first issue ("runs.0.overrides.latentDim: ..."). */
export function zodMessage(err: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = err.issues[0];
  if (!issue) return "invalid input";
  const where = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/** A zod failure as a 400 with the field named, optionally after a prefix ("invalid join payload"). */
export function invalidInput(err: ZodError, prefix?: string): AppError {
  return new AppError("bad_request", prefix ? `${prefix}: ${zodMessage(err)}` : zodMessage(err));
}

export interface WireFailure {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/**
 * What the client is told about `err`: AppError and zod errors as they are, anything else as `internal`
 * after `unexpected(err)` has logged it (the details stay in the server log).
 */
export function toWireFailure(err: unknown, unexpected: (err: unknown) => void): WireFailure {
  if (err instanceof AppError) {
    const headers: Record<string, string> =
      err.retryAfter !== undefined ? { "Retry-After": String(err.retryAfter) } : {};
    return { status: err.status, body: { error: { code: err.code, message: err.message } }, headers };
  }
  if (err instanceof ZodError) return toWireFailure(invalidInput(err), unexpected);
  unexpected(err);
  return { status: 500, body: { error: { code: "internal", message: "internal error" } }, headers: {} };
}

/** An error body for a refusal made without throwing (router 404/405, malformed URLs). */
export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
