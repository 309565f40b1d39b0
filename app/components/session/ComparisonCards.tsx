"use client";

import type { LiveRun } from "../../client/sessionState";
import { ComparisonRunName } from "./ComparisonRunName";
import { pendingText, runCells, type Groups } from "./comparisonCells";

/** The comparison as one card per run (phones). */
export function ComparisonCards({ runs, groups }: { runs: LiveRun[]; groups: Groups }) {
  return (
    <ul className="mt-2 space-y-2 sm:hidden">
      {runs.map((run) => {
        const cells = runCells(run, groups);
        return (
          <li key={run.view.id} className="rounded-lg border border-slate-800 p-2 text-sm">
            <ComparisonRunName run={run} />
            {cells ? (
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 tabular">
                {cells.map((c) => (
                  <div key={c.label} className="contents">
                    <dt className="text-slate-400">{c.label}</dt>
                    <dd>{c.value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="mt-1 text-slate-400">{pendingText(run.view.status)}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
