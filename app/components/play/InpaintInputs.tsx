"use client";

import { buttonSmall, toggleButton } from "../ui";
import { DrawPad } from "./DrawPad";
import type { InpaintState } from "./useInpaint";

const NO_HOLE = new Float32Array(784).fill(1);

/** The drawing pad with its tools, the mask choice (inpainting models) and the image's label (label models). */
export function InpaintInputs({ state, condition }: { state: InpaintState; condition: string }) {
  const { canInpaint, tool } = state;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-400">
        {canInpaint ? "Image and mask (draw, or paint a hole)" : "Image (draw your own)"}
      </p>
      <DrawPad
        image={state.image}
        mask={canInpaint ? state.mask : NO_HOLE}
        tool={tool}
        onChange={(next) => state.drawn(next)}
      />
      <div role="group" aria-label="Drawing tool" className="flex gap-1">
        {state.tools.map((t) => (
          <button
            key={t}
            type="button"
            aria-pressed={tool === t}
            onClick={() => state.setTool(t)}
            className={toggleButton(tool === t)}
          >
            {t === "hole" ? "Hole brush" : t === "pen" ? "Pen" : "Eraser"}
          </button>
        ))}
        <button type="button" onClick={() => state.clear()} className={buttonSmall}>
          Clear
        </button>
      </div>
      {canInpaint && (
        <fieldset className="flex flex-wrap gap-3 text-xs text-slate-300">
          <legend className="sr-only">Mask</legend>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="mask"
              checked={state.maskMode === "centre"}
              onChange={() => state.setMaskMode("centre")}
            />
            Centred 10x10 hole
          </label>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="mask"
              checked={state.maskMode === "brush"}
              onChange={() => state.setMaskMode("brush")}
            />
            Brush mask
          </label>
          <button type="button" onClick={() => state.resetBrush()} className="underline">
            reset brush
          </button>
        </fieldset>
      )}
      {condition === "label" && (
        <label className="flex items-center gap-2 text-xs text-slate-400">
          Label of the image
          <select
            value={state.label}
            onChange={(e) => state.setLabel(Number(e.target.value))}
            className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-200"
          >
            {Array.from({ length: 10 }, (_, d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
