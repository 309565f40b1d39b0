"use client";

import { RUN_END_EVALUATION } from "../../../lib/contracts/comparison";
import { comparisonCsvUrl } from "../../client/api";
import type { LiveRun } from "../../client/sessionState";
import { formatInt, formatNats } from "../format";
import { panel, runColor, sectionTitle, textLink } from "../ui";
import { comparisonGroups, holeText, iwaeSettingsText, iwaeText, labelAccuracyText } from "./comparisonText";
import { presetLabel } from "./runText";

const th = "py-1 pr-3 text-right font-normal text-slate-400";
const td = "py-1 pr-3 text-right";

type Groups = ReturnType<typeof comparisonGroups>;

function columnNames(g: Groups): string[] {
  return ["−log p(x)", "−ELBO", "recon / KL", ...(g.label ? ["Label accuracy"] : []), ...(g.inpaint ? ["Hole error"] : []), "Took"];
}

/** A run's measures in column order, or null while it has no evaluation. */
function runCells(run: LiveRun, g: Groups): { label: string; value: string }[] | null {
  const e = run.evaluation;
  if (!e) return null;
  const r = e.row;
  const values = [
    iwaeText(r),
    formatNats(r.testNegElbo),
    `${formatNats(r.testRecon)} / ${formatNats(r.testKl)}`,
    ...(g.label ? [labelAccuracyText(r)] : []),
    ...(g.inpaint ? [holeText(r)] : []),
    `${e.seconds.toFixed(1)} s`,
  ];
  const names = columnNames(g);
  return values.map((value, i) => ({ label: names[i]!, value }));
}

function pendingText(run: LiveRun): string {
  if (run.view.status === "done") return "not evaluated";
  return ["queued", "training", "paused"].includes(run.view.status) ? "evaluated when the run finishes" : "not evaluated: the run did not finish";
}

function RunName({ run }: { run: LiveRun }) {
  const epoch = run.evaluation?.row.epoch;
  return (
    <span className="flex items-center gap-2">
      <span aria-hidden="true" className="h-3 w-3 shrink-0 rounded-sm" style={{ background: runColor(run.view.index) }} />
      {presetLabel(run.view.preset)}
      {epoch != null && <span className="text-xs text-slate-400">epoch {epoch}</span>}
    </span>
  );
}

/**
 * The session's runs as numbers, once a run is finished and evaluated on the server (server/training/runEndEvaluation.ts):
 * test −ELBO, IWAE −log p(x), recon / KL, and where they apply the judge's label accuracy and the inpainting hole
 * error against two baselines. Runs not evaluated yet get a row that says when they will be. CSV download.
 */
export function ComparisonTable({ sessionId, runs }: { sessionId: string; runs: LiveRun[] }) {
  const rows = runs.flatMap((r) => (r.evaluation ? [r.evaluation.row] : []));
  if (rows.length === 0) return null;
  const groups = comparisonGroups(runs.map((r) => r.evaluation?.row).filter((r) => r !== undefined));
  const notes = [...new Set(runs.flatMap((r) => r.evaluation?.notes ?? []))];
  const first = rows[0]!;
  const title = runs.length > 1 ? "Comparison" : "Evaluation";
  const columns = columnNames(groups);

  return (
    <section className={panel} aria-labelledby="comparison-h" data-testid="comparison">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="comparison-h" className={sectionTitle}>
          {title}
        </h2>
        <a href={comparisonCsvUrl(sessionId)} download className={`text-xs ${textLink}`}>
          Download CSV
        </a>
      </div>
      <p className="mt-1 text-xs text-slate-400">
        Measured on the server when each run finished, in nats per test image (lower is better). −log p(x) is the
        importance-weighted (IWAE) estimate with {iwaeSettingsText(first)} (± standard error over the images); −ELBO,
        recon and KL on the run&apos;s test images.
        {groups.label && ` Label accuracy: the share of ${formatInt(RUN_END_EVALUATION.perDigit * 10)} prior samples the judge classifier reads as the digit asked for.`}
        {groups.inpaint && ` Hole error: BCE summed over the centre 10×10 hole of ${formatInt(RUN_END_EVALUATION.inpaintImages)} test images, model at z = 0 against filling with the mean image and with the nearest training image.`}
      </p>
      {/* A table from 640 px; below, one card per run (a table of six columns does not fit a phone). */}
      <table className="mt-2 hidden w-full text-sm tabular sm:table">
        <caption className="sr-only">{title} of the session&apos;s runs, nats per test image</caption>
        <thead>
          <tr className="border-b border-slate-800">
            <th scope="col" className="py-1 pr-3 text-left font-normal text-slate-400">Run</th>
            {columns.map((c) => (
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
              <tr key={run.view.id} className="border-b border-slate-800/60" data-testid="comparison-row" data-run-id={run.view.id} data-evaluated={run.evaluation ? "yes" : "no"}>
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
                  <td colSpan={columns.length} className="py-1 text-left text-slate-400">
                    {pendingText(run)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
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
                <p className="mt-1 text-slate-400">{pendingText(run)}</p>
              )}
            </li>
          );
        })}
      </ul>
      {notes.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-xs text-slate-400">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
