"use client";

import { memo, useMemo, useState } from "react";
import type { LiveRun } from "../../client/sessionState";
import { UPlotChart } from "../charts/UPlotChart";
import { useStableBy } from "../charts/useStableBy";
import { panel, sectionTitle } from "../ui";
import { EpochTable } from "./EpochTable";
import { LossChartControls } from "./LossChartControls";
import { createStepModelCache, epochChartModel, stepChartModel } from "./lossChartModels";
import { epochChartSummary, stepChartSummary } from "./lossChartSummaries";
import { LossReferences } from "./LossReferences";
import { RunLegend } from "./RunLegend";
import { useLossChartSettings } from "./useLossChartSettings";

const STEP_EMPTY = "Waiting for the first points…";
const EPOCH_EMPTY = "The first test −ELBO appears at the end of epoch 1";
const EpochTableOnce = memo(EpochTable);
const pickEpochParts = (r: LiveRun) => [r.view, r.epochs];

/**
 * Train loss per step (EMA smoothing, log scale, recon/KL split) and test −ELBO per epoch, with all runs
 * of the session overlaid (the seed comparison is two runs on the same axes). The charts are uPlot
 * canvases fed new points without React redrawing them; their words for screen readers come from here.
 */
export function LossCharts({ runs }: { runs: LiveRun[] }) {
  const settings = useLossChartSettings();
  const { smoothing, split, log, hiddenRunIds } = settings;
  // Kept across renders: a live update smooths and lays out only the points that arrived since the last one.
  const [stepCache] = useState(createStepModelCache);
  const stepModel = useMemo(
    () => stepChartModel(runs, { smoothing, split, log }, stepCache),
    [runs, smoothing, split, log, stepCache],
  );
  // Everything but the step chart changes once an epoch, not at every step: it gets runs that stay the same object until then.
  const epochRuns = useStableBy(runs, pickEpochParts);
  const epochModel = useMemo(() => epochChartModel(epochRuns, { split, log }), [epochRuns, split, log]);

  return (
    <section className={panel} aria-labelledby="loss-heading">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <h2 id="loss-heading" className={sectionTitle}>
          Loss
        </h2>
        <RunLegend runs={epochRuns} split={split} hiddenRunIds={hiddenRunIds} onToggle={settings.toggleRun} />
      </div>
      <LossChartControls {...settings} />

      <div className="mt-3" data-testid="loss-points" data-count={runs.reduce((n, r) => n + r.steps.length, 0)}>
        <h3 className="text-xs text-slate-400">Train loss per step (nats per image)</h3>
        <UPlotChart
          model={stepModel}
          hiddenRunIds={hiddenRunIds}
          title="Train loss per step"
          summary={stepChartSummary(runs, STEP_EMPTY)}
          xLabel="step"
          yLabel="nats / image"
          unit="nats per image"
          log={log}
          emptyText={STEP_EMPTY}
        />
      </div>
      <div className="mt-4" data-testid="epoch-points" data-count={epochRuns.reduce((n, r) => n + r.epochs.length, 0)}>
        <h3 className="text-xs text-slate-400">Test negative ELBO per epoch (nats per image, β = 1)</h3>
        <LossReferences runs={epochRuns} />
        <UPlotChart
          model={epochModel}
          hiddenRunIds={hiddenRunIds}
          title="Test negative ELBO per epoch"
          summary={epochChartSummary(epochRuns, EPOCH_EMPTY)}
          xLabel="epoch"
          yLabel="nats / image"
          unit="nats per image"
          log={log}
          integerX
          height={200}
          emptyText={EPOCH_EMPTY}
        />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Hover for values, drag to zoom, double-click to show all. Keyboard: focus a chart, then ← → for values, + − to
        zoom, 0 to show all.
      </p>
      <EpochTableOnce runs={epochRuns} />
    </section>
  );
}
