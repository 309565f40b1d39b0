"use client";

import type { LiveRun } from "../../client/sessionState";
import { useEpochLatent } from "../../hooks/useEpochLatent";
import type { SaveContext } from "./saveContext";
import { ScatterMap } from "./ScatterMap";
import type { LoadedModel } from "./usePlayModel";

/** The map of the loaded checkpoint's epoch (the scatter its own encoder drew), from the live state or over HTTP. */
export function PlayScatterMap({
  sessionId,
  run,
  loaded,
  context,
}: {
  sessionId: string;
  run: LiveRun;
  loaded: LoadedModel;
  context: SaveContext;
}) {
  const { latent, loading, error } = useEpochLatent(sessionId, run, loaded.epoch);
  const exact = latent?.epoch === loaded.epoch ? latent : null;
  if (exact) return <ScatterMap model={loaded.model} scatter={exact} context={context} />;
  if (error)
    return (
      <p role="alert" className="text-sm text-rose-300">
        {error}
      </p>
    );
  return (
    <p className="text-sm text-slate-400">
      {loading
        ? `Loading the scatter of epoch ${loaded.epoch}…`
        : `This run has no latent scatter for epoch ${loaded.epoch} (it was trained before scatters were recorded).`}
    </p>
  );
}
