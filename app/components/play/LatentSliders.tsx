"use client";

import { buttonSmall } from "../ui";
import { DigitSelect } from "./DigitSelect";
import { dimName, LATENT_RANGE, type LatentExplorer } from "./useLatentExplorer";

/** The digit picker (label models), a slider per latent dimension (the first 8), centre and random buttons. */
export function LatentSliders({ explorer, isLabel }: { explorer: LatentExplorer; isLabel: boolean }) {
  const { n, z } = explorer;
  const shown = Math.min(n, 8);
  return (
    <div className="space-y-2">
      {isLabel && (
        <DigitSelect label="Digit" value={String(explorer.digit)} onChange={(v) => explorer.setDigit(Number(v))} />
      )}
      <fieldset className="grid grid-cols-[auto_1fr_auto] items-center gap-x-2 gap-y-1 text-xs text-slate-400">
        <legend className="mb-1 text-slate-300">Latent sliders{n > shown ? ` (first ${shown} of ${n})` : ""}</legend>
        {z.slice(0, shown).map((v, i) => (
          <label key={i} className="contents">
            <span className="font-mono">{dimName(i)}</span>
            <input
              type="range"
              min={-LATENT_RANGE}
              max={LATENT_RANGE}
              step={0.05}
              value={v}
              onChange={(e) => explorer.setDim(i, Number(e.target.value))}
              aria-label={`Latent dimension ${i}`}
              className="w-40"
            />
            <span className="tabular w-10 text-right text-slate-200">{v.toFixed(2)}</span>
          </label>
        ))}
      </fieldset>
      <div className="flex gap-2">
        <button type="button" onClick={() => explorer.centre()} className={buttonSmall}>
          Centre (z = 0)
        </button>
        <button type="button" onClick={() => explorer.randomise()} className={buttonSmall}>
          Random z
        </button>
      </div>
    </div>
  );
}
