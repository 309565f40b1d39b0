import { z } from "zod";

/**
 * The error contract of the HTTP API and the Socket.IO acks: every refusal is `{ error: { code, message } }`.
 * `code` is stable and is what clients branch on; `message` is for people (it names the field or the limit)
 * and may be reworded. docs/api.md lists the codes.
 */
export const ERROR_CODES = [
  "bad_request",
  "protocol_mismatch",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal",
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The HTTP status each code is sent with (acks carry only the code). */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  protocol_mismatch: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export const WireErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type WireError = z.infer<typeof WireErrorSchema>;

/** An HTTP error body, and the error half of a socket ack. */
export const ErrorBodySchema = z.object({ error: WireErrorSchema });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
