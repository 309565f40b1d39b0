"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { metricsUrl } from "../../client/api";
import type { LiveRun } from "../../client/sessionState";
import { EXPLAIN, Term } from "../a11y/Term";
import { formatInt, formatNats } from "../format";
import { runColor, textLink } from "../ui";
import { referenceText } from "./runAdvice";
import { RunStatusBadge } from "./RunStatusBadge";
import { configSummary, presetLabel, progressFraction, progressText } from "./runText";
import { ShortRunNote } from "./ShortRunNote";

/** One run's header: name, status, progress bar with ETA and speed, latest test −ELBO with its reference, downloads. */
export function RunProgress({ sessionId, run, controls }: { sessionId: string; run: LiveRun; controls?: ReactNode }) {
  const { view, progress, epochs } = run;
  const fraction = progressFraction(view, progress);
  const lastEpoch = epochs[epochs.length - 1];
  const showSpeed = view.status === "training" && progress !== null;
  const label = presetLabel(view.preset);
  const reference = referenceText(view.config, lastEpoch?.epoch ?? null);

  return (
    <article
      className="min-w-0 rounded-xl border border-slate-800 bg-slate-900/50 p-4"
      aria-label={`Run ${view.index + 1}: ${label}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span aria-hidden="true" className="h-3 w-3 rounded-sm" style={{ background: runColor(view.index) }} />
        <h2 className="font-semibold text-slate-100">{label}</h2>
        <RunStatusBadge run={view} />
        {view.backend && <span className="text-xs text-slate-500">on {view.backend}</span>}
        {controls && <div className="ml-auto">{controls}</div>}
      </div>
      <p className="mt-1 text-xs text-slate-500">{configSummary(view.config)}</p>

      <div
        data-testid="progress"
        data-run-id={view.id}
        data-fraction={fraction.toFixed(3)}
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        aria-valuetext={progressText(view, progress, epochs.length)}
        className="mt-3 h-2.5 overflow-hidden rounded-full bg-slate-800"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${view.status === "paused" ? "bg-amber-400" : ""}`}
          style={{
            width: `${fraction * 100}%`,
            background: view.status === "paused" ? undefined : runColor(view.index),
          }}
        />
      </div>
      <div className="mt-2 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm tabular">
        <span className="text-slate-200">{progressText(view, progress, epochs.length)}</span>
        {showSpeed && <span className="text-slate-400">{formatInt(progress.imgPerSec)} img/s</span>}
      </div>
      {lastEpoch && (
        <p className="mt-1 text-sm text-slate-300 tabular" data-testid="latest-elbo">
          <Term explain={EXPLAIN.negElbo}>test −ELBO</Term>{" "}
          <strong className="text-slate-100">{formatNats(lastEpoch.testNegElbo)} nats</strong>{" "}
          <span className="text-slate-500">
            (recon {formatNats(lastEpoch.testRecon)} + KL {formatNats(lastEpoch.testKl)})
          </span>
          {reference && (
            <span className="block text-xs text-slate-400" data-testid="reference">
              Reference, {reference}
            </span>
          )}
        </p>
      )}
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

function RunLinks({ sessionId, run }: { sessionId: string; run: LiveRun }) {
  const lastCheckpoint = run.checkpoints.reduce<number | null>(
    (m, c) => (m === null || c.epoch > m ? c.epoch : m),
    null,
  );
  return (
    <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-400">
      {lastCheckpoint !== null && (
        <Link className="text-emerald-300 underline-offset-2 hover:underline" href={`/s/${sessionId}/play`}>
          Decoder of epoch {lastCheckpoint} ready to play →
        </Link>
      )}
      <span>Metrics:</span>
      <a className={textLink} href={metricsUrl(sessionId, run.view.id, "epochs.csv")}>
        epochs CSV
      </a>
      <a className={textLink} href={metricsUrl(sessionId, run.view.id, "steps.csv")}>
        steps CSV
      </a>
      <a className={textLink} href={metricsUrl(sessionId, run.view.id, "json")}>
        JSON
      </a>
    </p>
  );
}
