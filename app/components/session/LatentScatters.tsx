"use client";

import { useMemo, useState } from "react";
import { LATENT_SCATTER_POINTS_TEXT } from "../latent/scatterConstants";
import type { LiveRun } from "../../client/sessionState";
import { useEpochLatent } from "../../hooks/useEpochLatent";
import { scatterBounds } from "../../../lib/latent/scatterGeometry";
import { summariseScatter } from "../../../lib/latent/scatterSummary";
import { DigitLegend } from "../latent/DigitLegend";
import { ScatterCanvas } from "../latent/ScatterCanvas";
import type { ScatterMarks } from "../latent/scatterDraw";
import { ScatterTable } from "../latent/ScatterTable";
import { projectionWords, summaryWords } from "../latent/scatterText";
import { panel, runColor, sectionTitle } from "../ui";
import { EpochSlider } from "./EpochSlider";
import { presetLabel } from "./runText";

/**
 * The latent space of every run, side by side: each epoch, fixed test images encoded and drawn in 2-D, coloured by
 * digit. The colour key (one digit highlighted at a time) and the "draw as digits" switch apply to all runs, so the
 * same digit can be followed across them.
 */
export function LatentScatters({ sessionId, runs }: { sessionId: string; runs: LiveRun[] }) {
  const [highlight, setHighlight] = useState<number | null>(null);
  const [marks, setMarks] = useState<ScatterMarks>("dots");
  return (
    <section className={panel} aria-labelledby="latent-h">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id="latent-h" className={sectionTitle}>
          Latent space
        </h2>
        <DigitLegend highlight={highlight} onHighlight={setHighlight} />
        <label className="flex items-center gap-1.5 text-xs text-slate-300">
          <input
            type="checkbox"
            checked={marks === "digits"}
            onChange={(e) => setMarks(e.target.checked ? "digits" : "dots")}
          />
          Draw points as digits
        </label>
      </div>
      <p className="mt-1 text-xs text-slate-400">{LATENT_SCATTER_POINTS_TEXT}</p>
      <div className={`mt-3 grid gap-4 ${runs.length > 1 ? "md:grid-cols-2" : ""}`}>
        {runs.map((r) => (
          <RunScatter key={r.view.id} sessionId={sessionId} run={r} highlight={highlight} marks={marks} />
        ))}
      </div>
    </section>
  );
}

function RunScatter({
  sessionId,
  run,
  highlight,
  marks,
}: {
  sessionId: string;
  run: LiveRun;
  highlight: number | null;
  marks: ScatterMarks;
}) {
  const [picked, setPicked] = useState<number | null>(null);
  const { latent, loading, error } = useEpochLatent(sessionId, run, picked);
  const label = presetLabel(run.view.preset);
  const bounds = useMemo(() => (latent ? scatterBounds(latent.points) : null), [latent]);
  const summary = useMemo(() => (latent ? summariseScatter(latent.points, latent.labels) : null), [latent]);

  return (
    <div
      className="min-w-0"
      data-testid="latent-scatter"
      data-run-id={run.view.id}
      data-epoch={latent?.epoch ?? ""}
      data-points={latent?.count ?? 0}
    >
      <div className="flex items-center gap-2">
        <span aria-hidden="true" className="h-3 w-3 rounded-sm" style={{ background: runColor(run.view.index) }} />
        <h3 className="text-sm font-medium text-slate-200">{label}</h3>
        {latent && <span className="text-xs text-slate-400">· epoch {latent.epoch}</span>}
      </div>
      <EpochSlider epochs={run.latentEpochs} picked={picked} onPick={setPicked} label="Scatter epoch" />
      {loading && (
        <p className="mt-2 text-xs text-slate-400" role="status">
          Loading epoch {picked}…
        </p>
      )}
      {error && (
        <p className="mt-2 text-xs text-rose-300" role="alert">
          {error}
        </p>
      )}
      {!latent || !bounds || !summary ? (
        <p className="mt-3 text-sm text-slate-400">
          {run.view.status === "queued"
            ? "The scatter appears once training starts."
            : "The first scatter appears at the end of epoch 1."}
        </p>
      ) : (
        <>
          <div className="mx-auto mt-2 max-w-md">
            <ScatterCanvas
              points={latent.points}
              labels={latent.labels}
              bounds={bounds}
              highlight={highlight}
              marks={marks}
              label={`Latent scatter, ${label}, epoch ${latent.epoch}: ${summaryWords(summary)}. Each digit's centre is in the table below.`}
            />
          </div>
          <p className="mt-2 text-xs text-slate-400">
            {summaryWords(summary)}. Axes: {projectionWords(latent.projection, run.view.config.latentDim)}.
          </p>
          <ScatterTable
            summary={summary}
            caption={`Centres and spread of each label, ${label}, epoch ${latent.epoch}`}
          />
        </>
      )}
    </div>
  );
}
