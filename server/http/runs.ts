import { z } from "zod";
import type { EpochMetrics } from "../../lib/contracts/training";
import type { RunRecord } from "../repositories/types";
import { DomainError, runNotFound, sessionNotFound } from "../sessions/errors";
import { sendBytes, sendJson } from "./respond";
import type { Route, RouteContext } from "./router";
import { IdParamSchema } from "./sessions";

const EPOCH_COLUMNS: (keyof EpochMetrics)[] = ["epoch", "trainLoss", "testNegElbo", "testRecon", "testKl", "seconds", "imgPerSec"];
const STEP_COLUMNS = ["globalStep", "epoch", "loss", "recon", "kl"] as const;
const CsvQuerySchema = z.object({ kind: z.enum(["epochs", "steps"]).default("epochs") });
const GridQuerySchema = z.object({ epoch: z.coerce.number().int().min(0).optional() });

/** The run named in the path, checked to belong to the session in the path (404 otherwise). */
export async function runOfSession(ctx: RouteContext): Promise<RunRecord> {
  const sessionId = IdParamSchema.parse(ctx.params.id);
  const runId = IdParamSchema.parse(ctx.params.runId);
  const run = await ctx.deps.repos.runs.get(runId);
  if (!run || run.sessionId !== sessionId) {
    if (!(await ctx.deps.repos.sessions.get(sessionId))) throw sessionNotFound();
    throw runNotFound();
  }
  return run;
}

function csv(rows: Record<string, unknown>[], columns: readonly string[]): string {
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
        const run = await runOfSession(ctx);
        const [epochs, steps] = await Promise.all([ctx.deps.repos.metrics.listEpochs(run.id), ctx.deps.repos.metrics.listSteps(run.id)]);
        sendJson(ctx.res, 200, { runId: run.id, preset: run.preset, config: run.config, status: run.status, epochs, steps }, publicGet);
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/runs/:runId/metrics.csv",
      handler: async (ctx) => {
        const run = await runOfSession(ctx);
        const { kind } = CsvQuerySchema.parse(Object.fromEntries(ctx.query));
        const body =
          kind === "epochs"
            ? csv(await ctx.deps.repos.metrics.listEpochs(run.id), EPOCH_COLUMNS)
            : csv(await ctx.deps.repos.metrics.listSteps(run.id), STEP_COLUMNS);
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
        const run = await runOfSession(ctx);
        const { epoch } = GridQuerySchema.parse(Object.fromEntries(ctx.query));
        const { grids: repo } = ctx.deps.repos;
        const [epochs, records] = await Promise.all([
          repo.epochs(run.id),
          epoch === undefined ? repo.latest(run.id) : repo.byEpoch(run.id, epoch),
        ]);
        if (records.length === 0) {
          throw new DomainError("not_found", epoch === undefined ? "no grids yet" : `no grids for epoch ${epoch}`);
        }
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
          },
          publicGet,
        );
      },
    },
  ];
}
