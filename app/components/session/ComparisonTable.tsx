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
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[30rem] text-sm tabular">
          <caption className="sr-only">{title} of the session&apos;s runs, nats per test image</caption>
          <thead>
            <tr className="border-b border-slate-800">
              <th scope="col" className="py-1 pr-3 text-left font-normal text-slate-400">Run</th>
              <th scope="col" className={th}>−log p(x)</th>
              <th scope="col" className={th}>−ELBO</th>
              <th scope="col" className={th}>recon / KL</th>
              {groups.label && <th scope="col" className={th}>Label accuracy</th>}
              {groups.inpaint && <th scope="col" className={th}>Hole error</th>}
              <th scope="col" className={th}>Took</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const e = run.evaluation;
              const r = e?.row;
              return (
                <tr key={run.view.id} className="border-b border-slate-800/60" data-testid="comparison-row" data-run-id={run.view.id} data-evaluated={e ? "yes" : "no"}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    <span className="flex items-center gap-2">
                      <span aria-hidden="true" className="h-3 w-3 shrink-0 rounded-sm" style={{ background: runColor(run.view.index) }} />
                      {presetLabel(run.view.preset)}
                      {r?.epoch != null && <span className="text-xs text-slate-400">epoch {r.epoch}</span>}
                    </span>
                  </th>
                  {r && e ? (
                    <>
                      <td className={td}>{iwaeText(r)}</td>
                      <td className={td}>{formatNats(r.testNegElbo)}</td>
                      <td className={td}>
                        {formatNats(r.testRecon)} / {formatNats(r.testKl)}
                      </td>
                      {groups.label && <td className={td}>{labelAccuracyText(r)}</td>}
                      {groups.inpaint && <td className={td}>{holeText(r)}</td>}
                      <td className={td}>{e.seconds.toFixed(1)} s</td>
                    </>
                  ) : (
                    <td colSpan={4 + Number(groups.label) + Number(groups.inpaint)} className="py-1 text-left text-slate-400">
                      {run.view.status === "done"
                        ? "not evaluated"
                        : ["queued", "training", "paused"].includes(run.view.status)
                          ? "evaluated when the run finishes"
                          : "not evaluated: the run did not finish"}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
