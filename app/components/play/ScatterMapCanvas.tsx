"use client";

import type { LiveLatent } from "../../client/sessionState";
import { fromUnit } from "../../../lib/latent/scatterGeometry";
import { DigitLegend } from "../latent/DigitLegend";
import { ScatterCanvas } from "../latent/ScatterCanvas";
import { projectionWords } from "../latent/scatterText";
import type { ScatterMapState } from "./useScatterMap";

/** The map itself: the digit legend, the scatter with its keyboard cursor, and where the cursor is in words. */
export function ScatterMapCanvas({
  map,
  scatter,
  latentDim,
}: {
  map: ScatterMapState;
  scatter: LiveLatent;
  latentDim: number;
}) {
  return (
    <div className="w-full max-w-sm space-y-2">
      <DigitLegend highlight={map.highlight} onHighlight={map.setHighlight} />
      <div
        role="application"
        aria-roledescription="latent map"
        aria-label={`Latent map of ${scatter.count} test images, epoch ${scatter.epoch}. Arrow keys move the cursor (Shift: further), Enter decodes, Home centres.`}
        aria-describedby="scatter-map-where"
        tabIndex={0}
        onKeyDown={map.onKey}
        className="rounded-lg focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400"
        data-testid="scatter-map-canvas"
      >
        <ScatterCanvas
          points={scatter.points}
          labels={scatter.labels}
          bounds={map.bounds}
          highlight={map.highlight}
          marks="dots"
          cursor={map.cursor}
          label={`Test images of epoch ${scatter.epoch} in the latent plane, coloured by digit`}
          onPick={(fx, fy) => map.decodeAt(fromUnit(map.bounds, fx, fy))}
        />
      </div>
      <p id="scatter-map-where" className="text-xs text-slate-400">
        {map.cursorText}. Axes: {projectionWords(scatter.projection, latentDim)}.
      </p>
    </div>
  );
}
