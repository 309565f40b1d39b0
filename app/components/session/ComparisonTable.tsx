"use client";

import { RUN_END_EVALUATION } from "../../../lib/contracts/comparison";
import { comparisonCsvUrl } from "../../client/api";
import type { LiveRun } from "../../client/sessionState";
import { formatInt } from "../format";
import { panel, sectionTitle, textLink } from "../ui";
import { comparisonGroups, iwaeSettingsText } from "./comparisonText";
import { ComparisonCards } from "./ComparisonCards";
import { ComparisonRows } from "./ComparisonRows";

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
        {groups.label &&
          ` Label accuracy: the share of ${formatInt(RUN_END_EVALUATION.perDigit * 10)} prior samples the judge classifier reads as the digit asked for.`}
        {groups.inpaint &&
          ` Hole error: BCE summed over the centre 10×10 hole of ${formatInt(RUN_END_EVALUATION.inpaintImages)} test images, model at z = 0 against filling with the mean image and with the nearest training image.`}
      </p>
      {/* A table from 640 px; below, one card per run (a table of six columns does not fit a phone). */}
      <ComparisonRows title={title} runs={runs} groups={groups} />
      <ComparisonCards runs={runs} groups={groups} />
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
