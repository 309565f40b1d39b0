import type { LoadedModel } from "./usePlayModel";
import type { SaveContext } from "./ResultCard";

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
