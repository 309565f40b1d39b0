import type { ZodType } from "zod";
import type { ErrorCode } from "../../lib/contracts/errors";

/**
 * What the browser tells the user about a refused request: a sentence chosen by the error's `code`
 * (lib/contracts/errors.ts), with the server's message as the detail. Used by the HTTP client (api.ts) and the
 * socket portal's acks alike.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The server's error code; null when the answer had none (network failure, a proxy's error page). */
    readonly code: ErrorCode | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** What to do, by error code; `detail` is ": <the server's message>" or "". */
const ADVICE: Record<ErrorCode, (detail: string) => string> = {
  bad_request: (d) => `The server rejected the request${d}. Fix the highlighted values and retry.`,
  payload_too_large: (d) => `The server rejected the request${d}. Fix the highlighted values and retry.`,
  unsupported_media_type: (d) => `The server rejected the request${d}. Fix the highlighted values and retry.`,
  protocol_mismatch: () => "This page is out of date with the server. Reload the page to get the new version.",
  unauthorized: (d) => `Only the session's owner can do that${d}. Open the control link to act as owner.`,
  forbidden: (d) => `Only the session's owner can do that${d}. Open the control link to act as owner.`,
  not_found: (d) => `Not found${d}. The session may have been deleted; check the link.`,
  method_not_allowed: (d) => `The server had a problem (HTTP 405)${d}. Retry in a moment.`,
  conflict: (d) => `That cannot be done right now${d}.`,
  rate_limited: (d) => `Too many requests${d}. Wait a moment and retry.`,
  internal: (d) => `The server had a problem${d}. Retry in a moment.`,
};

/** A sentence for the user: what went wrong (the server's message) and what to do (by its code). */
export function explainError(code: ErrorCode, serverMessage?: string): string {
  return ADVICE[code](serverMessage ? `: ${serverMessage}` : "");
}

/** The same for an answer without an error body (a proxy's 502/503 page), by HTTP status. */
export function explainHttpError(status: number): string {
  if (status === 400 || status === 422) return explainError("bad_request");
  if (status === 401 || status === 403) return explainError("forbidden");
  if (status === 404) return explainError("not_found");
  if (status === 409) return explainError("conflict");
  if (status === 429) return explainError("rate_limited");
  if (status === 503) return "The server is busy. Retry in a few seconds.";
  return `The server had a problem (HTTP ${status}). Retry in a moment.`;
}

/** A response body parsed with exactly its schema (lib/contracts); any other shape is an ApiError saying so. */
export function parseResponse<T>(schema: ZodType<T>, body: unknown, path: string, status: number): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`unexpected answer to ${path}`, parsed.error);
    throw new ApiError(
      `The server answered ${path} in an unexpected format. Reload the page; if it persists, report it.`,
      status,
    );
  }
  return parsed.data;
}
