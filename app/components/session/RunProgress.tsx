"use client";

import type { ReactNode } from "react";
import type { LiveRun } from "../../client/sessionState";
import { formatInt } from "../format";
import { LatestElbo } from "./LatestElbo";
import { RunLinks } from "./RunLinks";
import { RunProgressBar } from "./RunProgressBar";
import { RunStatusBadge } from "./RunStatusBadge";
import { RunSwatch } from "./RunSwatch";
import { configSummary, presetLabel, progressText } from "./runText";
import { ShortRunNote } from "./ShortRunNote";

/** One run's header: name, status, progress bar with ETA and speed, latest test −ELBO with its reference, downloads. */
export function RunProgress({ sessionId, run, controls }: { sessionId: string; run: LiveRun; controls?: ReactNode }) {
  const { view, progress, epochs } = run;
  const lastEpoch = epochs[epochs.length - 1];
  const showSpeed = view.status === "training" && progress !== null;
  const label = presetLabel(view.preset);

  return (
    <article
      className="min-w-0 rounded-xl border border-slate-800 bg-slate-900/50 p-4"
      aria-label={`Run ${view.index + 1}: ${label}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <RunSwatch index={view.index} />
        <h2 className="font-semibold text-slate-100">{label}</h2>
        <RunStatusBadge run={view} />
        {view.backend && <span className="text-xs text-slate-500">on {view.backend}</span>}
        {controls && <div className="ml-auto">{controls}</div>}
      </div>
      <p className="mt-1 text-xs text-slate-500">{configSummary(view.config)}</p>

      <RunProgressBar view={view} progress={progress} epochCount={epochs.length} label={label} />
      <div className="mt-2 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm tabular">
        <span className="text-slate-200">{progressText(view, progress, epochs.length)}</span>
        {showSpeed && <span className="text-slate-400">{formatInt(progress.imgPerSec)} img/s</span>}
      </div>
      {lastEpoch && <LatestElbo epoch={lastEpoch} config={view.config} />}
      <ShortRunNote config={view.config} className="mt-2 text-xs" />
      <RunLinks sessionId={sessionId} run={run} />
      {view.status === "failed" && (
        <p
          role="alert"
          className="mt-2 rounded-md border border-rose-900 bg-rose-950/50 px-3 py-2 text-sm text-rose-200"
        >
          Training failed{view.error ? `: ${view.error}` : ""}. Fork the session to try again with other settings.
        </p>
      )}
    </article>
  );
}
