"use client";

import type { PlayModel } from "../../../lib/play/playModel";
import { buttonSmall } from "../ui";
import { DigitGrid } from "../DigitGrid";
import { LatentMapCard } from "./LatentMapCard";
import { LatentSliders } from "./LatentSliders";
import { ResultCard } from "./ResultCard";
import type { SaveContext } from "./saveContext";
import { dimName, useLatentExplorer } from "./useLatentExplorer";

/**
 * Latent sliders (first 8 dimensions), the live digit, a clickable latent map over two dimensions
 * (both of a 2-D latent, or two chosen ones), a traversal of those two and an interpolation.
 */
export function LatentPanel({ model, context }: { model: PlayModel; context: SaveContext }) {
  const explorer = useLatentExplorer(model);
  const { z, dims, cond } = explorer;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-6">
        <LatentSliders explorer={explorer} isLabel={model.condition === "label"} />
        <div data-testid="latent-digit">
          <p className="mb-1 text-xs text-slate-400">This point decodes to</p>
          <DigitGrid
            pixels={explorer.single.pixels}
            rows={1}
            cols={1}
            tileSize={140}
            label="Digit at the current latent point"
          />
        </div>
        <LatentMapCard explorer={explorer} context={context} />
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <ResultCard
          title="Interpolation to a random point"
          kind="interpolation"
          grid={explorer.interp}
          meta={{ latent: z, latentTo: explorer.to, ...cond }}
          context={context}
          tileSize={36}
        >
          <button type="button" onClick={() => explorer.nextTarget()} className={`mb-2 ${buttonSmall}`}>
            New end point
          </button>
        </ResultCard>
        <ResultCard
          title={`Traversal of ${dimName(dims[0])} and ${dimName(dims[1])}`}
          kind="traversal"
          grid={explorer.traversal}
          meta={{ latent: z, dims: [...dims], ...cond }}
          context={context}
          tileSize={36}
        />
      </div>
    </div>
  );
}
