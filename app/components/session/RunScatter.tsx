"use client";

import { useMemo, useState } from "react";
import type { LiveRun } from "../../client/sessionState";
import { useEpochLatent } from "../../hooks/useEpochLatent";
import { scatterBounds } from "../../../lib/latent/scatterGeometry";
import { summariseScatter } from "../../../lib/latent/scatterSummary";
import { ScatterCanvas } from "../latent/ScatterCanvas";
import type { ScatterMarks } from "../latent/scatterDraw";
import { ScatterTable } from "../latent/ScatterTable";
import { projectionWords, summaryWords } from "../latent/scatterText";
import { EpochFetchStatus } from "./EpochFetchStatus";
import { EpochSlider } from "./EpochSlider";
import { RunSwatch } from "./RunSwatch";
import { presetLabel } from "./runText";

/** One run's latent scatter in the session view, with its own epoch slider, summary words and table of centres. */
export function RunScatter({
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
        <RunSwatch index={run.view.index} />
        <h3 className="text-sm font-medium text-slate-200">{label}</h3>
        {latent && <span className="text-xs text-slate-400">· epoch {latent.epoch}</span>}
      </div>
      <EpochSlider epochs={run.latentEpochs} picked={picked} onPick={setPicked} label="Scatter epoch" />
      <EpochFetchStatus picked={picked} loading={loading} error={error} />
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
