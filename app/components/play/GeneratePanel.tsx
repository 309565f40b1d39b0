"use client";

import type { PlayModel } from "../../../lib/play/playModel";
import { buttonSmall } from "../ui";
import { DigitButtons } from "./DigitButtons";
import { generationCard } from "./generation";
import { ResultCard } from "./ResultCard";
import type { SaveContext } from "./saveContext";
import { useGenerate } from "./useGenerate";

/** Samples from the prior: temperature, reseed, and for label models a digit picker or "all digits" rows. */
export function GeneratePanel({ model, context }: { model: PlayModel; context: SaveContext }) {
  const g = useGenerate(model);
  const card = generationCard(g.isLabel, g.digit, g.temperature, g.seed);

  // Digit buttons first: they are what people come for (and the first stop for keyboard users).
  return (
    <div className="flex flex-wrap items-start gap-6">
      <div className="w-full max-w-xs space-y-3">
        {g.isLabel && <DigitButtons digit={g.digit} onPick={g.setDigit} />}
        <div className="flex flex-wrap items-end gap-4">
          <label className="flex flex-col text-xs text-slate-400">
            <span>
              Temperature <span className="tabular text-slate-200">{g.temperature.toFixed(2)}</span>
            </span>
            <input
              type="range"
              min={0}
              max={2}
              step={0.05}
              value={g.temperature}
              onChange={(e) => g.setTemperature(Number(e.target.value))}
              aria-label="Temperature"
              className="w-40"
            />
          </label>
          <button type="button" onClick={g.reseed} className={buttonSmall}>
            Reseed
          </button>
          <span className="tabular text-xs text-slate-500" data-testid="generate-ms">
            decoded in {g.ms.toFixed(1)} ms
          </span>
        </div>
      </div>
      <div data-testid="generated-grid" data-digit={String(g.digit)} data-seed={g.seed} className="min-w-0 max-w-full">
        <ResultCard
          title={card.title}
          kind={card.kind}
          grid={g.grid}
          meta={card.meta}
          context={context}
          tileSize={card.tileSize}
        />
      </div>
    </div>
  );
}
