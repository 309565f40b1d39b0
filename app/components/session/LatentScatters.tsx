"use client";

import { useState } from "react";
import { LATENT_SCATTER_POINTS_TEXT } from "../latent/scatterConstants";
import type { LiveRun } from "../../client/sessionState";
import { DigitLegend } from "../latent/DigitLegend";
import type { ScatterMarks } from "../latent/scatterDraw";
import { panel, sectionTitle } from "../ui";
import { RunScatter } from "./RunScatter";

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
