import { IdSchema } from "../../lib/contracts/ids";
import { z } from "zod";
import type { GridsResponse } from "../../lib/contracts/session";
import type { EpochMetrics } from "../../lib/contracts/training";
import { sendBytes, sendJson } from "./respond";
import type { Route, RouteContext } from "./router";

const EPOCH_COLUMNS: (keyof EpochMetrics)[] = [
  "epoch",
  "trainLoss",
  "testNegElbo",
  "testRecon",
  "testKl",
  "seconds",
  "imgPerSec",
];
const STEP_COLUMNS = ["globalStep", "epoch", "loss", "recon", "kl"] as const;
const CsvQuerySchema = z.object({ kind: z.enum(["epochs", "steps"]).default("epochs") });
const GridQuerySchema = z.object({ epoch: z.coerce.number().int().min(0).optional() });

/** The session and run ids of the path ("/api/sessions/:id/runs/:runId/…"), checked for shape (400). */
export function runPath(ctx: RouteContext): [sessionId: string, runId: string] {
  return [IdSchema.parse(ctx.params.id), IdSchema.parse(ctx.params.runId)];
}

function csv(rows: Record<string, string | number | boolean | null | undefined>[], columns: readonly string[]): string {
  const lines = [columns.join(",")];
  for (const r of rows) lines.push(columns.map((c) => String(r[c] ?? "")).join(","));
  return lines.join("\n") + "\n";
}

const publicGet = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache" };

/** Run data over HTTP: metrics (CSV / JSON) and sample grids by epoch. */
export function runRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/sessions/:id/runs/:runId/metrics.json",
      handler: async (ctx) => {
        const { run, epochs, steps } = await ctx.deps.runData.metrics(...runPath(ctx));
        sendJson(
          ctx.res,
          200,
          { runId: run.id, preset: run.preset, config: run.config, status: run.status, epochs, steps },
          publicGet,
        );
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/runs/:runId/metrics.csv",
      handler: async (ctx) => {
        const { run, epochs, steps } = await ctx.deps.runData.metrics(...runPath(ctx));
        const { kind } = CsvQuerySchema.parse(Object.fromEntries(ctx.query));
        const body = kind === "epochs" ? csv(epochs, EPOCH_COLUMNS) : csv(steps, STEP_COLUMNS);
        sendBytes(ctx.res, 200, "text/csv; charset=utf-8", body, {
          ...publicGet,
          "Content-Disposition": `inline; filename="${run.id}-${kind}.csv"`,
        });
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/runs/:runId/grids",
      handler: async (ctx) => {
        const [sessionId, runId] = runPath(ctx);
        const { epoch } = GridQuerySchema.parse(Object.fromEntries(ctx.query));
        const { run, epochs, grids: records } = await ctx.deps.runData.grids(sessionId, runId, epoch);
        sendJson(
          ctx.res,
          200,
          {
            runId: run.id,
            epoch: records[0]!.epoch,
            epochs,
            grids: records.map((g) => ({
              kind: g.kind,
              rows: g.rows,
              cols: g.cols,
              rowLabels: g.rowLabels,
              pixelsBase64: Buffer.from(g.pixels.buffer, g.pixels.byteOffset, g.pixels.byteLength).toString("base64"),
            })),
          } satisfies GridsResponse,
          publicGet,
        );
      },
    },
  ];
}
