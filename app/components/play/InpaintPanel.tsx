"use client";

import { centredHoleMask } from "../../../lib/data/masks";
import type { PlayModel } from "../../../lib/play/playModel";
import { buttonSmall } from "../ui";
import { InpaintInputs } from "./InpaintInputs";
import { maskBits } from "./inpaintResults";
import { ResultCard } from "./ResultCard";
import type { SaveContext } from "./saveContext";
import { TestImagePicker } from "./TestImagePicker";
import { useInpaint } from "./useInpaint";

/**
 * Pick a test image (or draw one), choose the mask (the seed's centred 10x10 hole or a brush), and see
 * it filled instantly: flawed / filled / original rows plus several samples for the same mask.
 * For models without an inpainting condition the same picker shows reconstructions instead.
 */
export function InpaintPanel({ model, context }: { model: PlayModel; context: SaveContext }) {
  const state = useInpaint(model);
  const { canInpaint, result, meta, batch } = state;
  return (
    <div className="space-y-4">
      {state.error && (
        <p role="alert" className="text-sm text-rose-400">
          {state.error}
        </p>
      )}
      <div className="flex flex-wrap gap-6">
        <TestImagePicker
          sample={state.sample}
          error={state.error}
          picked={state.picked}
          onPick={(i) => state.pick(i)}
        />
        <InpaintInputs state={state} condition={model.condition} />
        <div className="space-y-3" data-testid="inpaint-result" data-picked={String(state.picked)}>
          <ResultCard
            title={canInpaint ? "Inpainting result" : "Reconstruction result"}
            kind={canInpaint ? "inpainting" : "reconstruction"}
            grid={result.main}
            meta={meta}
            context={context}
            tileSize={72}
            testId="inpaint-card"
          />
          <p className="tabular text-xs text-slate-500" data-testid="inpaint-ms">
            computed in {result.ms.toFixed(1)} ms
          </p>
        </div>
      </div>
      {result.samples && result.samples.cols > 0 && (
        <ResultCard
          title="Samples for the same mask"
          kind="inpainting"
          grid={result.samples}
          meta={{ ...meta, temperature: 1 }}
          context={context}
          tileSize={56}
        >
          <button type="button" onClick={() => state.reseed()} className={`mb-2 ${buttonSmall}`}>
            Reseed samples
          </button>
        </ResultCard>
      )}
      {batch && (
        <ResultCard
          title={canInpaint ? "Test images with the centred hole" : "Test image reconstructions"}
          kind={canInpaint ? "inpainting" : "reconstruction"}
          grid={batch}
          meta={canInpaint ? { mask: maskBits(centredHoleMask(10)) } : {}}
          context={context}
          tileSize={40}
        />
      )}
    </div>
  );
}
