"use client";

import { memo } from "react";
import type { LiveRun } from "../../client/sessionState";
import { runColor } from "../ui";
import { presetLabel } from "./runText";

const DASH_KEYS = [
  { label: "recon", dash: "6 4" },
  { label: "KL", dash: "2 3" },
];

/**
 * Which colour is which run, and which dash is recon or KL. With several runs each run is a toggle button
 * (pressed = shown) that shows or hides its lines in both charts.
 */
export const RunLegend = memo(function RunLegend({
  runs,
  split,
  hiddenRunIds,
  onToggle,
}: {
  runs: LiveRun[];
  split: boolean;
  hiddenRunIds: ReadonlySet<string>;
  onToggle: (runId: string) => void;
}) {
  const toggles = runs.length > 1;
  return (
    <ul
      className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-300"
      aria-label={toggles ? "Legend: press a run to show or hide its lines" : "Legend"}
    >
      {runs.map((r) => {
        const swatch = (
          <span aria-hidden="true" className="inline-block h-0.5 w-4" style={{ background: runColor(r.view.index) }} />
        );
        const shown = !hiddenRunIds.has(r.view.id);
        return (
          <li key={r.view.id} className="flex items-center gap-1.5">
            {toggles ? (
              <button
                type="button"
                aria-pressed={shown}
                title={shown ? "Hide this run's lines" : "Show this run's lines"}
                onClick={() => onToggle(r.view.id)}
                className={`flex items-center gap-1.5 rounded px-1.5 py-0.5 hover:bg-slate-800 ${shown ? "" : "text-slate-500 line-through"}`}
              >
                {swatch}
                {presetLabel(r.view.preset)}
              </button>
            ) : (
              <>
                {swatch}
                {presetLabel(r.view.preset)}
              </>
            )}
          </li>
        );
      })}
      {split &&
        DASH_KEYS.map((k) => (
          <li key={k.label} className="flex items-center gap-1.5 text-slate-400">
            <svg width="18" height="4" aria-hidden="true">
              <line x1="0" x2="18" y1="2" y2="2" stroke="#94a3b8" strokeWidth="2" strokeDasharray={k.dash} />
            </svg>
            {k.label}
          </li>
        ))}
    </ul>
  );
});
