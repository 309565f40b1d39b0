import type { LimitsResponse } from "../../lib/contracts/limits";
import { sendJson } from "./respond";
import type { Route } from "./router";

/** GET /api/limits: what one visitor may spend here (the home form shows it before Train is pressed). */
export function limitsRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/limits",
      handler: (ctx) => {
        const body = { limits: ctx.deps.config.limits } satisfies LimitsResponse;
        sendJson(ctx.res, 200, body);
      },
    },
  ];
}
