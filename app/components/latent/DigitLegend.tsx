"use client";

import { DIGIT_PALETTE } from "../../../lib/latent/digitPalette";

/**
 * The scatter's colour key, one button per label: pressing one highlights that label's points (and dims the
 * others); pressing it again shows all. So no one has to tell ten colours apart.
 */
export function DigitLegend({
  highlight,
  onHighlight,
}: {
  highlight: number | null;
  onHighlight: (d: number | null) => void;
}) {
  return (
    <div role="group" aria-label="Colour key: press a digit to highlight its points" className="flex flex-wrap gap-1">
      {DIGIT_PALETTE.map((colour, d) => (
        <button
          key={d}
          type="button"
          aria-pressed={highlight === d}
          aria-label={`label ${d}`}
          title={`Highlight label ${d}`}
          onClick={() => onHighlight(highlight === d ? null : d)}
          className={`flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs tabular transition ${
            highlight === d
              ? "border-amber-400 bg-slate-800 text-slate-50"
              : "border-slate-700 text-slate-300 hover:bg-slate-800"
          }`}
        >
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: colour }} />
          {d}
        </button>
      ))}
    </div>
  );
}
