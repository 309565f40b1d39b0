import type { ServerResponse } from "node:http";

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
