"use client";

import type { LiveRun } from "../../client/sessionState";
import { runColor } from "../ui";
import { columnNames, pendingText, runCells, type Groups } from "./comparisonCells";
import { presetLabel } from "./runText";

const th = "py-1 pr-3 text-right font-normal text-slate-400";
const td = "py-1 pr-3 text-right";

function RunName({ run }: { run: LiveRun }) {
  const epoch = run.evaluation?.row.epoch;
  return (
    <span className="flex items-center gap-2">
      <span
        aria-hidden="true"
        className="h-3 w-3 shrink-0 rounded-sm"
        style={{ background: runColor(run.view.index) }}
      />
      {presetLabel(run.view.preset)}
      {epoch != null && <span className="text-xs text-slate-400">epoch {epoch}</span>}
    </span>
  );
}

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
                <RunName run={run} />
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

/** The comparison as one card per run (phones). */
export function ComparisonCards({ runs, groups }: { runs: LiveRun[]; groups: Groups }) {
  return (
    <ul className="mt-2 space-y-2 sm:hidden">
      {runs.map((run) => {
        const cells = runCells(run, groups);
        return (
          <li key={run.view.id} className="rounded-lg border border-slate-800 p-2 text-sm">
            <RunName run={run} />
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
