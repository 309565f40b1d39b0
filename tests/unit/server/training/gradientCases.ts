import * as tf from "@tensorflow/tfjs";
import type { buildVae } from "../../../../lib/model/build";
import { resolveConfig, type PresetId, type PriorKind, type TrainOverrides } from "../../../../lib/model/config";

export interface GradientCase {
  preset: PresetId;
  hidden: number[];
  prior: PriorKind;
}

/** The models the gradient checks compare on: every condition, both priors, one and two hidden layers. */
export const GRADIENT_CASES: GradientCase[] = [
  { preset: "vae-seed", hidden: [24, 16], prior: "standard" },
  { preset: "cvae-label", hidden: [32], prior: "standard" },
  { preset: "cvae-label", hidden: [32], prior: "label-gaussian" },
  { preset: "cvae-inpaint", hidden: [32], prior: "standard" },
];

/** A case's config: its hidden layers in both halves, latent 5, its prior; `over` on top (seed, batch size). */
export const caseConfig = ({ preset, hidden, prior }: GradientCase, over: TrainOverrides = {}) =>
  resolveConfig(preset, { encoderHidden: hidden, decoderHidden: hidden, latentDim: 5, prior, ...over });

/** Moves a learned prior away from its N(0, I) start, so its gradient check is not a special case. */
export function randomisePrior(m: ReturnType<typeof buildVae>, seed: number): void {
  m.prior?.params.assign(tf.randomNormal(m.prior.params.shape, 0, 0.6, "float32", seed));
}
