import { sendJson } from "./respond";
import type { Route } from "./router";

/**
 * Liveness for load balancers and Playwright's webServer wait. An app server whose Redis is reconnecting still
 * answers 200: it serves pages and snapshots, and taking every app server out at once would help nobody.
 */
export function healthRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/health",
      handler: (ctx) => {
        sendJson(ctx.res, 200, ctx.deps.health());
      },
    },
  ];
}
