"use client";

import { ConnectionBanner } from "../session/ConnectionBanner";
import { ShortRunNote } from "../session/ShortRunNote";
import { GalleryStrip } from "../gallery/GalleryStrip";
import { ModelStatus } from "./ModelStatus";
import { PlayPanels } from "./PlayPanels";
import { PlayHeader } from "./PlayHeader";
import { saveContext } from "./saveContext";
import { usePlayModel } from "./usePlayModel";
import { usePlaySession } from "./usePlaySession";

/** The Play view: generate, explore and inpaint digits with the session's latest checkpoint, in the browser. */
export function PlayView({ sessionId }: { sessionId: string }) {
  const { state } = usePlaySession(sessionId);
  const play = usePlayModel(sessionId, state);
  const { run, runs, loaded, latest } = play;

  // A session deleted meanwhile (or unknown: the server answers those with a 404 page) has nothing to play with.
  if (!state.session && (state.connection === "error" || state.connection === "deleted")) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Play</h1>
        <ConnectionBanner connection={state.connection} error={state.error} />
      </div>
    );
  }

  const context = loaded
    ? saveContext(sessionId, state.session?.title, loaded, run?.view.preset, play.backend?.chosen)
    : null;

  return (
    <div className="space-y-6">
      <PlayHeader
        sessionId={sessionId}
        title={state.session?.title}
        runs={runs}
        runId={run?.view.id}
        onSelectRun={(id) => play.selectRun(id)}
      />
      {state.connection === "error" && <ConnectionBanner connection={state.connection} error={state.error} />}
      <ModelStatus
        loading={play.progress}
        loadedEpoch={loaded?.epoch ?? null}
        latestEpoch={latest?.epoch ?? null}
        backend={play.backend}
        autoUpdate={play.autoUpdate}
        onAutoUpdate={play.setAutoUpdate}
        onUpdate={play.updateToLatest}
        error={play.error}
        decoderBytes={loaded?.model.decoderDownloadBytes ?? null}
      />
      {run && <ShortRunNote config={run.view.config} />}
      {!latest && state.connection === "live" && (
        <p className="text-slate-400" data-testid="waiting-checkpoint">
          Waiting for the first checkpoint: it arrives at the end of epoch 1{run ? ` (run is ${run.view.status})` : ""}.
        </p>
      )}
      {loaded && context && (
        <PlayPanels
          sessionId={sessionId}
          loaded={loaded}
          run={state.runs[loaded.runId]}
          context={context}
          showAll={play.showAll}
        />
      )}
      <GalleryStrip sessionId={sessionId} live={state.gallery} />
    </div>
  );
}
