"use client";

import { buttonSmall, toggleButton } from "../ui";
import { DigitSelect } from "./DigitSelect";
import { DrawPad } from "./DrawPad";
import type { InpaintState } from "./useInpaint";

const NO_HOLE = new Float32Array(784).fill(1);
const MASK_MODES = [
  ["centre", "Centred 10x10 hole"],
  ["brush", "Brush mask"],
] as const satisfies readonly (readonly [InpaintState["maskMode"], string])[];

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
          {MASK_MODES.map(([mode, text]) => (
            <label key={mode} className="flex items-center gap-1">
              <input
                type="radio"
                name="mask"
                checked={state.maskMode === mode}
                onChange={() => state.setMaskMode(mode)}
              />
              {text}
            </label>
          ))}
          <button type="button" onClick={() => state.resetBrush()} className="underline">
            reset brush
          </button>
        </fieldset>
      )}
      {condition === "label" && (
        <DigitSelect
          label="Label of the image"
          value={String(state.label)}
          onChange={(v) => state.setLabel(Number(v))}
        />
      )}
    </div>
  );
}
