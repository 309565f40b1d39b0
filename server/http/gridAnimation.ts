import { z } from "zod";
import { GridKindSchema, type GridKind } from "../../lib/contracts/training";
import { downloadName } from "../../lib/images/downloadName";
import { encodeGridAnimation } from "../../lib/images/gridGif";
import type { GridRecord } from "../repositories/types";
import { HttpError, sendBytes } from "./respond";
import type { Route } from "./router";
import { runOfSession } from "./runs";

/** Longer runs keep the first and last epoch and an even spread between (a GIF of 500 frames helps nobody). */
export const MAX_ANIMATION_FRAMES = 60;
/** Which grid a run's animation shows when the request does not say: the most telling one it has. */
const KIND_PREFERENCE: GridKind[] = ["label-rows", "prior", "inpaint-test", "reconstruction", "inpaint-train"];

const AnimationQuerySchema = z.object({ kind: GridKindSchema.optional() });

/** At most `max` epochs, evenly spread, always with the first and the last. */
export function pickFrameEpochs(epochs: readonly number[], max = MAX_ANIMATION_FRAMES): number[] {
  if (epochs.length <= max) return [...epochs];
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(epochs[Math.round((i * (epochs.length - 1)) / (max - 1))]!);
  return [...picked].sort((a, b) => a - b);
}

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
        const run = await runOfSession(ctx);
        const { grids, sessions } = ctx.deps.repos;
        const epochs = await grids.epochs(run.id);
        if (epochs.length === 0) throw new HttpError(404, "this run has no sample grids yet (they appear at the end of epoch 1)");

        const latest = await grids.latest(run.id);
        const kind = query.kind ?? KIND_PREFERENCE.find((k) => latest.some((g) => g.kind === k));
        const shape = latest.find((g) => g.kind === kind);
        if (!kind || !shape) throw new HttpError(404, `this run has no ${query.kind ?? "sample"} grids`);

        const frames: GridRecord[] = [];
        for (const epoch of pickFrameEpochs(epochs)) {
          const grid = (await grids.byEpoch(run.id, epoch)).find((g) => g.kind === kind && g.rows === shape.rows && g.cols === shape.cols);
          if (grid) frames.push(grid);
        }
        const gif = encodeGridAnimation(frames);
        const session = await sessions.get(run.sessionId);
        const first = frames[0]!.epoch;
        const last = frames[frames.length - 1]!.epoch;
        const filename = downloadName({
          sessionId: run.sessionId,
          sessionTitle: session?.title,
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
