import { z } from "zod";
import type { LatentEpochResponse } from "../../lib/contracts/session";
import { sendJson } from "./respond";
import type { Route } from "./router";
import { runPath } from "./runs";

const LatentQuerySchema = z.object({ epoch: z.coerce.number().int().min(1).optional() });

const base64 = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");

/**
 * One epoch's latent scatter of a run over HTTP (the newest without `epoch`): what the scatter's epoch slider loads for
 * epochs older than the ones a snapshot carries (SNAPSHOT_LATENT_EPOCHS). Points as base64 of float32 little-endian.
 */
export function latentRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/sessions/:id/runs/:runId/latent",
      handler: async (ctx) => {
        const { epoch } = LatentQuerySchema.parse(Object.fromEntries(ctx.query));
        const { run, epochs, scatter } = await ctx.deps.runData.latent(...runPath(ctx), epoch);
        const body = {
          runId: run.id,
          epoch: scatter.epoch,
          count: scatter.labels.length,
          projection: scatter.projection,
          epochs,
          pointsBase64: base64(scatter.points),
          labelsBase64: base64(scatter.labels),
        } satisfies LatentEpochResponse;
        sendJson(ctx.res, 200, body, { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache" });
      },
    },
  ];
}
