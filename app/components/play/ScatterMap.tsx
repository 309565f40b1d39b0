"use client";

import { useMemo, useState, type KeyboardEvent } from "react";
import type { LiveLatent } from "../../client/sessionState";
import { fromUnit, moveCursor, nearestPoint, planeToLatent, scatterBounds, toUnit } from "../../../lib/latent/scatterGeometry";
import { decodeOne } from "../../../lib/play/generate";
import type { PlayModel } from "../../../lib/play/playModel";
import { DigitLegend } from "../latent/DigitLegend";
import { ScatterCanvas } from "../latent/ScatterCanvas";
import { projectionWords } from "../latent/scatterText";
import { ResultCard, type SaveContext } from "./ResultCard";

/** A click this close to a point (share of the map's side) picks the point itself. */
const SNAP = 0.02;

interface Target {
  /** The place on the plane that was decoded. */
  at: [number, number];
  /** The test image picked there (index into the scatter), or null for an empty place. */
  point: number | null;
}

/**
 * The Play view's map: the latent scatter of the loaded checkpoint's epoch. Clicking decodes the latent vector at that
 * place with the decoder in this browser: at latent 2 the place is z itself; above, z = mean + x · axis₀ + y · axis₁
 * (the PCA plane the scatter was drawn in: a point's own μ minus the part off the plane). A click next to a point picks
 * that test image. Keyboard: arrow keys move the cursor (Shift: further), Enter decodes, Home returns to the centre.
 * Label-conditioned models decode with the picked image's digit, or a digit chosen here.
 */
export function ScatterMap({ model, scatter, context }: { model: PlayModel; scatter: LiveLatent; context: SaveContext }) {
  const bounds = useMemo(() => scatterBounds(scatter.points), [scatter]);
  const centre: [number, number] = [(bounds.x0 + bounds.x1) / 2, (bounds.y0 + bounds.y1) / 2];
  const [cursor, setCursor] = useState<[number, number]>(centre);
  const [target, setTarget] = useState<Target | null>(null);
  const [digitChoice, setDigitChoice] = useState<"auto" | number>("auto");
  const [highlight, setHighlight] = useState<number | null>(null);
  const label = model.condition === "label";

  // A new epoch's scatter (another checkpoint) has other coordinates: start again from its centre
  // (a render-time update: React re-renders at once, before painting).
  const [boundsShown, setBoundsShown] = useState(bounds);
  if (boundsShown !== bounds) {
    setBoundsShown(bounds);
    setCursor(centre);
    setTarget(null);
  }

  const pick = (at: [number, number]): Target => {
    const i = nearestPoint(scatter.points, at[0], at[1]);
    if (i < 0) return { at, point: null };
    const p: [number, number] = [scatter.points[2 * i]!, scatter.points[2 * i + 1]!];
    const [a, b] = [toUnit(bounds, ...at), toUnit(bounds, ...p)];
    return Math.hypot(a[0] - b[0], a[1] - b[1]) <= SNAP ? { at: p, point: i } : { at, point: null };
  };
  const decodeAt = (at: [number, number]) => {
    const t = pick(at);
    setCursor(t.at);
    setTarget(t);
  };

  const pointDigit = target?.point != null ? scatter.labels[target.point]! : null;
  const digit = digitChoice === "auto" ? (pointDigit ?? 0) : digitChoice;
  const z = useMemo(() => (target ? planeToLatent(scatter.projection, target.at[0], target.at[1]) : null), [target, scatter]);
  const decoded = useMemo(() => (z ? decodeOne(model, z, label ? { digit } : {}) : null), [model, z, label, digit]);

  function onKey(e: KeyboardEvent) {
    const step = e.shiftKey ? 1 / 8 : 1 / 40;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      setCursor((c) => moveCursor(bounds, c, m[0], m[1]));
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      decodeAt(cursor);
    } else if (e.key === "Home") {
      e.preventDefault();
      setCursor(centre);
    }
  }

  const where = (p: [number, number]) => `x ${p[0].toFixed(2)}, y ${p[1].toFixed(2)}`;
  const cursorNearest = nearestPoint(scatter.points, cursor[0], cursor[1]);
  const described = target ? describeTarget(target, scatter, label ? digit : null) : "Click the map, or focus it and press Enter, to decode a place.";

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
          {cursorNearest >= 0 ? `, nearest test image a ${scatter.labels[cursorNearest]}` : ""}. Axes: {projectionWords(scatter.projection, model.latentDim)}.
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
          <ResultCard title="Decoded from the map" kind="generation" grid={decoded} meta={{ latent: z, ...(label ? { digit } : {}) }} context={context} tileSize={140} testId="scatter-map-result" />
        )}
      </div>
    </div>
  );
}

/** What was decoded, in words: exact at latent 2; above, a point of the PCA plane (say so, and how much the plane holds). */
function describeTarget(t: Target, scatter: LiveLatent, digit: number | null): string {
  const at = `(${t.at[0].toFixed(2)}, ${t.at[1].toFixed(2)})`;
  const image = t.point !== null ? `test image ${t.point + 1}, a ${scatter.labels[t.point]}` : null;
  const as = digit !== null ? `, as digit ${digit}` : "";
  const p = scatter.projection;
  if (p.method === "identity") return image ? `Decoded z = ${at}: the mean μ of ${image}${as}.` : `Decoded z = ${at}${as} (no test image there).`;
  const held = p.explained ? `${Math.round((p.explained[0] + p.explained[1]) * 100)} %` : "part";
  return image
    ? `Decoded the plane's point ${at} under ${image}${as}. The plane holds ${held} of the latent's variance, so this is what that region decodes to, not that image itself.`
    : `Decoded the plane's point ${at}${as}.`;
}
