import { z } from "zod";
import { GridKindSchema } from "../../lib/contracts/training";
import { downloadName } from "../../lib/images/downloadName";
import { encodeGridAnimation } from "../../lib/images/gridGif";
import { sendBytes } from "./respond";
import type { Route } from "./router";
import { runPath } from "./runs";

const AnimationQuerySchema = z.object({ kind: GridKindSchema.optional() });

/**
 * GET /api/sessions/:id/runs/:runId/grids.gif?kind=prior — one sample grid per epoch as a looping GIF
 * (the digits sharpening), sized for a chat message. 400 for an unknown kind, 404 for an unknown
 * session or run, or a run without grids of that kind yet.
 */
export function gridAnimationRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/sessions/:id/runs/:runId/grids.gif",
      handler: async (ctx) => {
        const query = AnimationQuerySchema.parse(Object.fromEntries(ctx.query));
        const { run, sessionTitle, kind, frames } = await ctx.deps.runData.animationFrames(...runPath(ctx), query.kind);
        const gif = encodeGridAnimation(frames);
        const first = frames[0]!.epoch;
        const last = frames[frames.length - 1]!.epoch;
        const filename = downloadName({
          sessionId: run.sessionId,
          sessionTitle,
          kind,
          title: `run ${run.index + 1} epochs ${first}-${last}`,
          extension: "gif",
        });
        sendBytes(ctx.res, 200, "image/gif", gif, {
          "Content-Disposition": `attachment; filename="${filename}"`,
          // New epochs change the answer while the run trains.
          "Cache-Control": "no-cache",
          "Access-Control-Allow-Origin": "*",
          "X-Frame-Epochs": frames.map((f) => f.epoch).join(","),
        });
      },
    },
  ];
}
