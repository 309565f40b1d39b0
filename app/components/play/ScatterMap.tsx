"use client";

import type { LiveLatent } from "../../client/sessionState";
import type { PlayModel } from "../../../lib/play/playModel";
import { DigitSelect } from "./DigitSelect";
import { ResultCard } from "./ResultCard";
import type { SaveContext } from "./saveContext";
import { ScatterMapCanvas } from "./ScatterMapCanvas";
import { useScatterMap } from "./useScatterMap";

/**
 * The Play view's map: the latent scatter of the loaded checkpoint's epoch. Clicking decodes the latent vector at that
 * place with the decoder in this browser: at latent 2 the place is z itself; above, z = mean + x · axis₀ + y · axis₁
 * (the PCA plane the scatter was drawn in: a point's own μ minus the part off the plane). A click next to a point picks
 * that test image. Keyboard: arrow keys move the cursor (Shift: further), Enter decodes, Home returns to the centre.
 * Label-conditioned models decode with the picked image's digit, or a digit chosen here.
 */
export function ScatterMap({
  model,
  scatter,
  context,
}: {
  model: PlayModel;
  scatter: LiveLatent;
  context: SaveContext;
}) {
  const map = useScatterMap(model, scatter);
  return (
    <div className="flex flex-wrap items-start gap-6" data-testid="scatter-map" data-epoch={scatter.epoch}>
      <ScatterMapCanvas map={map} scatter={scatter} latentDim={model.latentDim} />
      <div className="space-y-2">
        {map.label && (
          <DigitSelect
            label="Decode as digit"
            value={map.digitValue}
            onChange={map.chooseDigit}
            autoText="the picked image's digit"
          />
        )}
        <p role="status" className="max-w-xs text-xs text-slate-300" data-testid="scatter-map-status">
          {map.status}
        </p>
        {map.decoded && map.z && (
          <ResultCard
            title="Decoded from the map"
            kind="generation"
            grid={map.decoded}
            meta={{ latent: map.z, ...(map.label ? { digit: map.digit } : {}) }}
            context={context}
            tileSize={140}
            testId="scatter-map-result"
          />
        )}
      </div>
    </div>
  );
}
