import type { GalleryKind, GalleryMeta } from "../../../lib/contracts/gallery";
import { downloadName } from "../../../lib/images/downloadName";
import type { PlayGrid } from "../../../lib/play/grid";
import type { LoadedModel } from "./usePlayModel";

/** Where a result came from: attached to every gallery save. */
export interface SaveContext {
  sessionId: string;
  /** For download file names. */
  sessionTitle?: string;
  checkpointId: string | null;
  runId?: string;
  preset?: string;
  epoch?: number;
  backend?: string;
}

/** What every gallery save from the Play view records: the session, the checkpoint's run and epoch, the backend. */
export function saveContext(
  sessionId: string,
  sessionTitle: string | undefined,
  loaded: Pick<LoadedModel, "checkpointId" | "runId" | "epoch">,
  preset: SaveContext["preset"],
  backend: string | undefined,
): SaveContext {
  return {
    sessionId,
    sessionTitle,
    checkpointId: loaded.checkpointId,
    runId: loaded.runId,
    preset,
    epoch: loaded.epoch,
    backend,
  };
}

/** A saved result's meta: the result's own, the grid's shape, and the context fields that are known. */
export function savedMeta(meta: GalleryMeta, grid: Pick<PlayGrid, "rows" | "cols">, context: SaveContext): GalleryMeta {
  return {
    ...meta,
    rows: grid.rows,
    cols: grid.cols,
    ...(context.runId ? { runId: context.runId } : {}),
    ...(context.preset ? { preset: context.preset } : {}),
    ...(context.epoch !== undefined ? { epoch: context.epoch } : {}),
    ...(context.backend ? { backend: context.backend } : {}),
  };
}

/** The PNG file name of a result's download. */
export function resultFileName(context: SaveContext, kind: GalleryKind, title: string, meta: GalleryMeta): string {
  return downloadName({
    sessionId: context.sessionId,
    sessionTitle: context.sessionTitle,
    kind,
    title,
    epoch: context.epoch,
    seed: meta.seed,
    extension: "png",
  });
}
