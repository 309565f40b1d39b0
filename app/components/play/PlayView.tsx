"use client";

import Link from "next/link";
import { ConnectionBanner } from "../session/ConnectionBanner";
import { ShortRunNote } from "../session/ShortRunNote";
import { GalleryStrip } from "../gallery/GalleryStrip";
import { textLink } from "../ui";
import { ModelStatus } from "./ModelStatus";
import { PlayPanels } from "./PlayPanels";
import type { SaveContext } from "./ResultCard";
import { usePlayModel } from "./usePlayModel";
import { usePlaySession } from "./usePlaySession";

/** The Play view: generate, explore and inpaint digits with the session's latest checkpoint, in the browser. */
export function PlayView({ sessionId }: { sessionId: string }) {
  const { state, socket } = usePlaySession(sessionId);
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

  const context: SaveContext | null = loaded
    ? {
        sessionId,
        sessionTitle: state.session?.title,
        checkpointId: loaded.checkpointId,
        runId: loaded.runId,
        preset: run?.view.preset,
        epoch: loaded.epoch,
        backend: play.backend?.chosen,
      }
    : null;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-2">
        <h1 className="min-w-0 break-words text-2xl font-semibold">Play{state.session ? `: ${state.session.title}` : ""}</h1>
        <Link href={`/s/${sessionId}`} className={`text-sm ${textLink}`}>
          back to the live session
        </Link>
        {runs.length > 1 && (
          <label className="flex items-center gap-2 text-sm text-slate-300 sm:ml-auto">
            Model
            <select
              aria-label="Model"
              value={run?.view.id ?? ""}
              onChange={(e) => play.selectRun(e.target.value)}
              className="max-w-full rounded border border-slate-700 bg-slate-900 px-2 py-1"
            >
              {runs.map((r) => (
                <option key={r.view.id} value={r.view.id}>
                  {r.view.preset} ({r.view.status})
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
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
      {loaded && context && <PlayPanels sessionId={sessionId} loaded={loaded} run={state.runs[loaded.runId]} context={context} showAll={play.showAll} />}
      <GalleryStrip sessionId={sessionId} socket={socket} />
    </div>
  );
}
