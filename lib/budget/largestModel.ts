import { resolveConfig, type TrainConfig, type TrainOverrides } from "../model/config";
import type { RunLimits } from "../contracts/limits";
import { runLimitViolations } from "./limits";

/**
 * The largest model a visitor may train under `limits`, shaped like issue 10's attack (four equal hidden layers in
 * encoder and decoder, latent 64, the largest batch that fits): the widest such layers the limits accept. Used by
 * the memory benchmark and test, which must exercise the worst case the server allows.
 */
export function largestAllowedOverrides(
  limits: RunLimits,
  run: Pick<TrainConfig, "epochs" | "trainSize" | "testSize">,
): TrainOverrides {
  for (const batchSize of [1024, 512, 256, 128]) {
    for (let width = 2048; width >= 8; width -= 8) {
      const overrides: TrainOverrides = {
        encoderHidden: [width, width, width, width],
        decoderHidden: [width, width, width, width],
        latentDim: 64,
        batchSize,
        ...run,
      };
      if (runLimitViolations(resolveConfig("vae-seed", overrides), limits).length === 0) return overrides;
    }
  }
  throw new Error("no model of this shape fits these limits");
}
