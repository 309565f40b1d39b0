"use client";

import type { ControlAction, RunView } from "../../../lib/contracts/session";
import type { LiveRun } from "../../client/sessionState";
import { ComparisonTable } from "./ComparisonTable";
import { LatentScatters } from "./LatentScatters";
import { LossCharts } from "./LossCharts";
import { RunControls } from "./RunControls";
import { RunProgress } from "./RunProgress";
import { SampleGrids } from "./SampleGrids";

/** A session's runs: progress (with the owner's controls), the comparison, loss charts and grids, latent scatters. */
export function SessionRuns({
  sessionId,
  runs,
  isOwner,
  control,
}: {
  sessionId: string;
  runs: LiveRun[];
  isOwner: boolean;
  control: (action: ControlAction, runId?: string) => Promise<RunView[]>;
}) {
  return (
    <>
      <div className={`grid gap-3 ${runs.length > 1 ? "md:grid-cols-2" : ""}`}>
        {runs.map((r) => (
          <RunProgress
            key={r.view.id}
            sessionId={sessionId}
            run={r}
            controls={isOwner ? <RunControls run={r.view} control={control} /> : undefined}
          />
        ))}
      </div>
      <ComparisonTable sessionId={sessionId} runs={runs} />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <LossCharts runs={runs} />
        <div className="flex flex-col gap-4">
          {runs.map((r) => (
            <SampleGrids key={r.view.id} sessionId={sessionId} run={r} />
          ))}
        </div>
      </div>
      <LatentScatters sessionId={sessionId} runs={runs} />
    </>
  );
}

export function SkeletonPage() {
  return (
    <div aria-hidden="true" className="flex animate-pulse flex-col gap-4">
      <div className="h-8 w-64 rounded bg-slate-800" />
      <div className="h-24 rounded-xl bg-slate-900" />
      <div className="h-72 rounded-xl bg-slate-900" />
    </div>
  );
}
