"use client";

import type { LiveLatent } from "../../client/sessionState";
import { fromUnit, nearestPoint } from "../../../lib/latent/scatterGeometry";
import type { PlayModel } from "../../../lib/play/playModel";
import { DigitLegend } from "../latent/DigitLegend";
import { ScatterCanvas } from "../latent/ScatterCanvas";
import { projectionWords } from "../latent/scatterText";
import { ResultCard, type SaveContext } from "./ResultCard";
import { describeTarget } from "./scatterTarget";
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
  const {
    bounds,
    cursor,
    target,
    digitChoice,
    setDigitChoice,
    highlight,
    setHighlight,
    label,
    digit,
    z,
    decoded,
    decodeAt,
    onKey,
  } = useScatterMap(model, scatter);
  const where = (p: [number, number]) => `x ${p[0].toFixed(2)}, y ${p[1].toFixed(2)}`;
  const cursorNearest = nearestPoint(scatter.points, cursor[0], cursor[1]);
  const described = target
    ? describeTarget(target, scatter, label ? digit : null)
    : "Click the map, or focus it and press Enter, to decode a place.";

  return (
    <div className="flex flex-wrap items-start gap-6" data-testid="scatter-map" data-epoch={scatter.epoch}>
      <div className="w-full max-w-sm space-y-2">
        <DigitLegend highlight={highlight} onHighlight={setHighlight} />
        <div
          role="application"
          aria-roledescription="latent map"
          aria-label={`Latent map of ${scatter.count} test images, epoch ${scatter.epoch}. Arrow keys move the cursor (Shift: further), Enter decodes, Home centres.`}
          aria-describedby="scatter-map-where"
          tabIndex={0}
          onKeyDown={onKey}
          className="rounded-lg focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400"
          data-testid="scatter-map-canvas"
        >
          <ScatterCanvas
            points={scatter.points}
            labels={scatter.labels}
            bounds={bounds}
            highlight={highlight}
            marks="dots"
            cursor={cursor}
            label={`Test images of epoch ${scatter.epoch} in the latent plane, coloured by digit`}
            onPick={(fx, fy) => decodeAt(fromUnit(bounds, fx, fy))}
          />
        </div>
        <p id="scatter-map-where" className="text-xs text-slate-400">
          Cursor at {where(cursor)}
          {cursorNearest >= 0 ? `, nearest test image a ${scatter.labels[cursorNearest]}` : ""}. Axes:{" "}
          {projectionWords(scatter.projection, model.latentDim)}.
        </p>
      </div>
      <div className="space-y-2">
        {label && (
          <label className="flex items-center gap-2 text-xs text-slate-400">
            Decode as digit
            <select
              value={digitChoice === "auto" ? "auto" : String(digitChoice)}
              onChange={(e) => setDigitChoice(e.target.value === "auto" ? "auto" : Number(e.target.value))}
              className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-200"
            >
              <option value="auto">the picked image&apos;s digit</option>
              {Array.from({ length: 10 }, (_, d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        )}
        <p role="status" className="max-w-xs text-xs text-slate-300" data-testid="scatter-map-status">
          {described}
        </p>
        {decoded && z && (
          <ResultCard
            title="Decoded from the map"
            kind="generation"
            grid={decoded}
            meta={{ latent: z, ...(label ? { digit } : {}) }}
            context={context}
            tileSize={140}
            testId="scatter-map-result"
          />
        )}
      </div>
    </div>
  );
}
