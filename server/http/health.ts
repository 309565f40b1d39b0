import { sendJson } from "./respond";
import type { Route } from "./router";

/** Liveness for load balancers and Playwright's webServer wait. */
export function healthRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/health",
      handler: (ctx) => {
        sendJson(ctx.res, 200, { ok: true, activeRuns: ctx.deps.scheduler.activeCount() });
      },
    },
  ];
}
