import { sendJson } from "./respond";
import type { Route } from "./router";

/** GET /api/throughput: how fast this server trains each preset (server/sessions/throughput.ts). */
export function throughputRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/throughput",
      handler: async (ctx) => {
        sendJson(ctx.res, 200, await ctx.deps.throughput.current());
      },
    },
  ];
}
