import { IdSchema } from "../../lib/contracts/ids";
import { comparisonCsv } from "../../lib/eval/comparisonCsv";
import type { ComparisonResponse } from "../../lib/contracts/comparison";
import { evaluationToView } from "../sessions/roomState";
import type { Route, RouteContext } from "./router";
import { sendBytes, sendJson } from "./respond";

const publicGet = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache" };

const evaluationsOf = (ctx: RouteContext) => ctx.deps.runData.comparison(IdSchema.parse(ctx.params.id));

/**
 * A session's comparison table (its finished runs' evaluations, in run order) as CSV (lib/eval/comparisonCsv.ts: one
 * line per evaluated run, a header only when none is) and as JSON.
 */
export function comparisonRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/sessions/:id/comparison.csv",
      handler: async (ctx) => {
        const { session, evaluations } = await evaluationsOf(ctx);
        sendBytes(ctx.res, 200, "text/csv; charset=utf-8", comparisonCsv(evaluations.map((e) => e.row)), {
          ...publicGet,
          "Content-Disposition": `attachment; filename="${session.id}-comparison.csv"`,
        });
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/comparison.json",
      handler: async (ctx) => {
        const { session, evaluations } = await evaluationsOf(ctx);
        const body = {
          sessionId: session.id,
          evaluations: evaluations.map(evaluationToView),
        } satisfies ComparisonResponse;
        sendJson(ctx.res, 200, body, publicGet);
      },
    },
  ];
}
