"use client";

import { LatentMap } from "./LatentMap";
import { ResultCard } from "./ResultCard";
import type { SaveContext } from "./saveContext";
import { dimName, LATENT_RANGE, type LatentExplorer } from "./useLatentExplorer";

/** The clickable latent map over two dimensions, with pickers for those dimensions when the latent has more than 2. */
export function LatentMapCard({ explorer, context }: { explorer: LatentExplorer; context: SaveContext }) {
  const { n, z, dims, map, cond } = explorer;
  return (
    <ResultCard
      title={`Latent map (${dimName(dims[0])}, ${dimName(dims[1])})`}
      kind="latent-map"
      grid={map}
      meta={{ dims: [...dims], ...cond, ...(n > 2 ? { latent: z } : {}) }}
      context={context}
      picture={
        <LatentMap
          grid={map}
          range={LATENT_RANGE}
          point={[z[dims[0]] ?? 0, z[dims[1]] ?? 0]}
          onPoint={(p) => explorer.setMapPoint(p)}
          dimLabels={[dimName(dims[0]), dimName(dims[1])]}
        />
      }
    >
      <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-400">
        <span>Latent map</span>
        {n > 2 &&
          ([0, 1] as const).map((axis) => (
            <label key={axis} className="flex items-center gap-1">
              {axis === 0 ? "x" : "y"}
              <select
                value={dims[axis]}
                onChange={(e) => explorer.chooseDim(axis, Number(e.target.value))}
                className="rounded border border-slate-700 bg-slate-900 px-1 py-0.5 text-slate-200"
                aria-label={`Latent map ${axis === 0 ? "horizontal" : "vertical"} dimension`}
              >
                {Array.from({ length: n }, (_, i) => (
                  <option key={i} value={i}>
                    {dimName(i)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        <span>(click or drag)</span>
      </div>
    </ResultCard>
  );
}
