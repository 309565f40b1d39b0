import { centredHoleMask } from "../../../lib/data/masks";
import { reconstructionGrid } from "../../../lib/play/generate";
import type { PlayGrid } from "../../../lib/play/grid";
import { inpaint } from "../../../lib/play/inpaint";
import type { PlayModel } from "../../../lib/play/playModel";
import { timed } from "../../../lib/play/timed";
import type { TestSample } from "./testSample";

/** Samples drawn for one mask. */
export const INPAINT_SAMPLES = 6;
/** Test images in the batch card. */
const BATCH = 8;

/** A mask as the gallery stores it: one character per pixel, "1" observed, "0" missing. */
export const maskBits = (m: Float32Array) => Array.from(m, (v) => (v >= 0.5 ? "1" : "0")).join("");

/** Which mask the panel uses: the seed's centred 10x10 hole, or the one painted with the brush. */
export function chosenMask(mode: "centre" | "brush", brush: Float32Array): Float32Array {
  return mode === "centre" ? centredHoleMask(10) : brush;
}

export interface InpaintResult {
  main: PlayGrid;
  /** Several fills of the same mask (inpainting models only). */
  samples: PlayGrid | null;
  ms: number;
}

/** Inpainting (flawed / filled / original rows plus samples) for inpainting models, else a reconstruction. */
export function inpaintOrReconstruct(
  model: PlayModel,
  input: { image: Uint8Array; mask: Float32Array; seed: number; label: number },
): InpaintResult {
  const { value, ms } = timed(() => {
    if (model.condition === "inpaint") {
      const r = inpaint(model, input.image, input.mask, { samples: INPAINT_SAMPLES, seed: input.seed, temperature: 1 });
      return { main: r.grid, samples: r.samples };
    }
    const main = reconstructionGrid(model, input.image, model.condition === "label" ? [input.label] : undefined);
    return { main, samples: null };
  });
  return { ...value, ms };
}

/** The first test images with the centred hole filled (or reconstructed), in one grid. */
export function testBatchGrid(model: PlayModel, sample: TestSample): PlayGrid {
  const imgs = sample.images.slice(0, BATCH * 784);
  return model.condition === "inpaint"
    ? inpaint(model, imgs, centredHoleMask(10)).grid
    : reconstructionGrid(model, imgs, model.condition === "label" ? sample.labels.slice(0, BATCH) : undefined);
}
