"use client";

import { useMemo, useState } from "react";
import { sampleLatents } from "../../../lib/play/decode";
import { decodeOne, interpolationGrid, latentPlaneGrid, traversalGrid } from "../../../lib/play/generate";
import type { PlayModel } from "../../../lib/play/playModel";
import { DigitGrid } from "../DigitGrid";
import { LatentMap } from "./LatentMap";
import { ResultCard, type SaveContext } from "./ResultCard";
import { buttonSmall } from "../ui";

const RANGE = 3;
const MAP_STEPS = 15;

/**
 * Latent sliders (first 8 dimensions), the live digit, a clickable latent map over two dimensions
 * (both of a 2-D latent, or two chosen ones), a traversal of those two and an interpolation.
 */
export function LatentPanel({ model, context }: { model: PlayModel; context: SaveContext }) {
  const n = model.latentDim;
  const [z, setZ] = useState<number[]>(() => new Array<number>(n).fill(0));
  const [dims, setDims] = useState<[number, number]>([0, 1]);
  const [digit, setDigit] = useState(0);
  const [target, setTarget] = useState(1);
  const cond = model.condition === "label" ? { digit } : {};
  const shown = Math.min(n, 8);

  const single = useMemo(() => decodeOne(model, z, cond), [model, z, digit]); // eslint-disable-line react-hooks/exhaustive-deps
  const map = useMemo(
    () => latentPlaneGrid(model, { dims, steps: MAP_STEPS, range: RANGE, base: n === 2 ? undefined : z.map((v, i) => (dims.includes(i) ? 0 : v)), ...cond }),
    // The map depends on the other dims' values only for latents > 2; recomputing it on every slider move is cheap (225 decodes).
    [model, dims, digit, n === 2 ? 0 : z.filter((_, i) => !dims.includes(i)).join(",")], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const to = useMemo(() => Array.from(sampleLatents(n, 1, 1, target)), [n, target]);
  const interp = useMemo(() => interpolationGrid(model, { from: z, to, steps: 10, ...cond }), [model, z, to, digit]); // eslint-disable-line react-hooks/exhaustive-deps
  const traversal = useMemo(() => traversalGrid(model, { base: z, dims: [...dims], steps: 9, range: RANGE, ...cond }), [model, z, dims, digit]); // eslint-disable-line react-hooks/exhaustive-deps

  const setDim = (i: number, v: number) => setZ((old) => old.map((x, j) => (j === i ? v : x)));
  const dimName = (i: number) => `z${i}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-6">
        <div className="space-y-2">
          {model.condition === "label" && (
            <label className="flex items-center gap-2 text-xs text-slate-400">
              Digit
              <select value={digit} onChange={(e) => setDigit(Number(e.target.value))} className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-200">
                {Array.from({ length: 10 }, (_, d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
          )}
          <fieldset className="grid grid-cols-[auto_1fr_auto] items-center gap-x-2 gap-y-1 text-xs text-slate-400">
            <legend className="mb-1 text-slate-300">Latent sliders{n > shown ? ` (first ${shown} of ${n})` : ""}</legend>
            {z.slice(0, shown).map((v, i) => (
              <label key={i} className="contents">
                <span className="font-mono">{dimName(i)}</span>
                <input type="range" min={-RANGE} max={RANGE} step={0.05} value={v} onChange={(e) => setDim(i, Number(e.target.value))} aria-label={`Latent dimension ${i}`} className="w-40" />
                <span className="tabular w-10 text-right text-slate-200">{v.toFixed(2)}</span>
              </label>
            ))}
          </fieldset>
          <div className="flex gap-2">
            <button type="button" onClick={() => setZ(new Array<number>(n).fill(0))} className={buttonSmall}>
              Centre (z = 0)
            </button>
            <button type="button" onClick={() => setZ(Array.from(sampleLatents(n, 1, 1, Date.now() % 1e9)))} className={buttonSmall}>
              Random z
            </button>
          </div>
        </div>
        <div data-testid="latent-digit">
          <p className="mb-1 text-xs text-slate-400">This point decodes to</p>
          <DigitGrid pixels={single.pixels} rows={1} cols={1} tileSize={140} label="Digit at the current latent point" />
        </div>
        <ResultCard
          title={`Latent map (${dimName(dims[0])}, ${dimName(dims[1])})`}
          kind="latent-map"
          grid={map}
          meta={{ dims: [...dims], ...cond, ...(n > 2 ? { latent: z } : {}) }}
          context={context}
          picture={
            <LatentMap
              grid={map}
              range={RANGE}
              point={[z[dims[0]] ?? 0, z[dims[1]] ?? 0]}
              onPoint={([x, y]) => setZ((old) => old.map((v, i) => (i === dims[0] ? x : i === dims[1] ? y : v)))}
              dimLabels={[dimName(dims[0]), dimName(dims[1])]}
            />
          }
        >
          <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-400">
            <span>Latent map</span>
            {n > 2 && (
              <>
                {[0, 1].map((axis) => (
                  <label key={axis} className="flex items-center gap-1">
                    {axis === 0 ? "x" : "y"}
                    <select
                      value={dims[axis]}
                      onChange={(e) => {
                        const v = Number(e.target.value);
                        const next: [number, number] = axis === 0 ? [v, dims[1]] : [dims[0], v];
                        if (next[0] !== next[1]) setDims(next);
                      }}
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
              </>
            )}
            <span>(click or drag)</span>
          </div>
        </ResultCard>
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <ResultCard title="Interpolation to a random point" kind="interpolation" grid={interp} meta={{ latent: z, latentTo: to, ...cond }} context={context} tileSize={36}>
          <button type="button" onClick={() => setTarget((t) => t + 1)} className={`mb-2 ${buttonSmall}`}>
            New end point
          </button>
        </ResultCard>
        <ResultCard title={`Traversal of ${dimName(dims[0])} and ${dimName(dims[1])}`} kind="traversal" grid={traversal} meta={{ latent: z, dims: [...dims], ...cond }} context={context} tileSize={36} />
      </div>
    </div>
  );
}
