"use client";

import { useEffect, useMemo, useState } from "react";
import { labelRowsGrid, priorGrid } from "../../../lib/play/generate";
import type { PlayModel } from "../../../lib/play/playModel";
import { timed } from "../../../lib/play/timed";
import { buttonSmall, toggleButton } from "../ui";
import { ResultCard } from "./ResultCard";
import type { SaveContext } from "./saveContext";

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** Samples from the prior: temperature, reseed, and for label models a digit picker or "all digits" rows. */
export function GeneratePanel({ model, context }: { model: PlayModel; context: SaveContext }) {
  const isLabel = model.condition === "label";
  const [temperature, setTemperature] = useState(1);
  const [seed, setSeed] = useState(1);
  const [digit, setDigit] = useState<number | "all">(isLabel ? "all" : 0);

  const result = useMemo(() => {
    const { value: grid, ms } = timed(() =>
      isLabel && digit === "all"
        ? labelRowsGrid(model, { cols: 8, temperature, seed })
        : priorGrid(model, {
            rows: isLabel ? 4 : 8,
            cols: 8,
            temperature,
            seed,
            digit: isLabel && digit !== "all" ? digit : undefined,
          }),
    );
    return { grid, ms };
  }, [model, isLabel, digit, temperature, seed]);

  useEffect(() => {
    try {
      performance.mark("vae:first-grid"); // read by scripts/bench-browser.ts
      // The frame after the commit: when the digits are actually on screen.
      requestAnimationFrame(() => setTimeout(() => performance.mark("vae:first-grid-painted"), 0));
    } catch {
      // diagnostics only
    }
  }, []);

  const title = isLabel
    ? digit === "all"
      ? "Digits 0–9, one row each"
      : `Generated ${digit}s`
    : "Samples from the prior";

  // Digit buttons first: they are what people come for (and the first stop for keyboard users).
  return (
    <div className="flex flex-wrap items-start gap-6">
      <div className="w-full max-w-xs space-y-3">
        {isLabel && (
          <div role="group" aria-label="Digit to generate" className="grid grid-cols-5 gap-1.5">
            {DIGITS.map((d) => (
              // Named by its visible digit (voice control: "click 7"); the tooltip and description say what it does.
              <button
                key={d}
                type="button"
                aria-pressed={digit === d}
                title={`Generate ${d}s`}
                onClick={() => setDigit(d)}
                className={`h-10 font-mono text-base ${toggleButton(digit === d, "md")}`}
              >
                {d}
              </button>
            ))}
            <button
              type="button"
              aria-pressed={digit === "all"}
              onClick={() => setDigit("all")}
              className={`col-span-5 h-9 px-3 ${toggleButton(digit === "all", "md")} text-sm`}
            >
              All digits
            </button>
          </div>
        )}
        <div className="flex flex-wrap items-end gap-4">
          <label className="flex flex-col text-xs text-slate-400">
            <span>
              Temperature <span className="tabular text-slate-200">{temperature.toFixed(2)}</span>
            </span>
            <input
              type="range"
              min={0}
              max={2}
              step={0.05}
              value={temperature}
              onChange={(e) => setTemperature(Number(e.target.value))}
              aria-label="Temperature"
              className="w-40"
            />
          </label>
          <button type="button" onClick={() => setSeed((s) => s + 1)} className={buttonSmall}>
            Reseed
          </button>
          <span className="tabular text-xs text-slate-500" data-testid="generate-ms">
            decoded in {result.ms.toFixed(1)} ms
          </span>
        </div>
      </div>
      <div data-testid="generated-grid" data-digit={String(digit)} data-seed={seed} className="min-w-0 max-w-full">
        <ResultCard
          title={title}
          kind={isLabel && digit === "all" ? "label-grid" : "generation"}
          grid={result.grid}
          meta={{ temperature, seed, ...(isLabel && digit !== "all" ? { digit } : {}) }}
          context={context}
          tileSize={isLabel && digit === "all" ? 36 : 40}
        />
      </div>
    </div>
  );
}
