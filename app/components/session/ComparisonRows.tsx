"use client";

import type { LiveRun } from "../../client/sessionState";
import { ComparisonRunName } from "./ComparisonRunName";
import { columnNames, pendingText, runCells, type Groups } from "./comparisonCells";

const th = "py-1 pr-3 text-right font-normal text-slate-400";
const td = "py-1 pr-3 text-right";

/** The comparison as a table (from 640 px): a row per run, a column per measure. */
export function ComparisonRows({ title, runs, groups }: { title: string; runs: LiveRun[]; groups: Groups }) {
  return (
    <table className="mt-2 hidden w-full text-sm tabular sm:table">
      <caption className="sr-only">{title} of the session&apos;s runs, nats per test image</caption>
      <thead>
        <tr className="border-b border-slate-800">
          <th scope="col" className="py-1 pr-3 text-left font-normal text-slate-400">
            Run
          </th>
          {columnNames(groups).map((c) => (
            <th key={c} scope="col" className={th}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const cells = runCells(run, groups);
          return (
            <tr
              key={run.view.id}
              className="border-b border-slate-800/60"
              data-testid="comparison-row"
              data-run-id={run.view.id}
              data-evaluated={run.evaluation ? "yes" : "no"}
            >
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                <ComparisonRunName run={run} />
              </th>
              {cells ? (
                cells.map((c) => (
                  <td key={c.label} className={td}>
                    {c.value}
                  </td>
                ))
              ) : (
                <td colSpan={columnNames(groups).length} className="py-1 text-left text-slate-400">
                  {pendingText(run.view.status)}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
