/** An error whose message is safe to show to the client, with its HTTP status. */
export class GalleryError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 429,
    message: string,
    /** Seconds, for 429 (sent as the Retry-After header). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "GalleryError";
  }
}

/** "field: message" of the first zod issue, for a 400 body. */
export function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  if (!first) return "invalid request";
  const where = first.path.map(String).join(".");
  return where ? `${where}: ${first.message}` : first.message;
}
