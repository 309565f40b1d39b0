/**
 * Errors the domain may raise on purpose. Only their messages reach clients (HTTP body `{ error }`
 * or socket ack `{ error }`); anything else is logged and reported as "internal error".
 */
export type DomainErrorCode = "bad_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "too_many";

const HTTP_STATUS: Record<DomainErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many: 429,
};

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
    this.status = HTTP_STATUS[code];
  }
}

export const sessionNotFound = () => new DomainError("not_found", "session not found");
export const runNotFound = () => new DomainError("not_found", "run not found in this session");
