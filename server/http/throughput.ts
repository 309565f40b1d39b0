import type { ThroughputResponse } from "../../lib/contracts/throughput";
import { sendJson } from "./respond";
import type { Route } from "./router";

/** GET /api/throughput: how fast this server trains each preset (server/sessions/throughput.ts). */
export function throughputRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/throughput",
      handler: async (ctx) => {
        const body: ThroughputResponse = await ctx.deps.throughput.current();
        sendJson(ctx.res, 200, body);
      },
    },
  ];
}
