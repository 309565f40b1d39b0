import type { CheckpointArtifacts, EpochMetrics } from "../../../lib/contracts/training";
import { captureModel, conditionLayout } from "../../../lib/model/artifacts";
import type { VaeModels } from "../../../lib/model/build";
import { priorSpecOf } from "../../../lib/model/prior";

/**
 * Encoder + decoder artifacts and meta at the end of an epoch (what onCheckpoint receives and resume reads). The
 * learned prior travels in meta.prior (float32 values as JSON numbers: exact), its Adam moments with the layers'.
 */
export async function checkpointArtifacts(
  models: VaeModels,
  epoch: number,
  metrics: EpochMetrics | undefined,
  float16: boolean,
): Promise<CheckpointArtifacts> {
  const c = models.config;
  return {
    meta: {
      preset: c.preset,
      config: c,
      epoch,
      ...(metrics
        ? {
            metrics: {
              trainLoss: metrics.trainLoss,
              testNegElbo: metrics.testNegElbo,
              testRecon: metrics.testRecon,
              testKl: metrics.testKl,
            },
          }
        : {}),
      dataset: c.dataset,
      condition: conditionLayout(c.condition),
      latentDim: c.latentDim,
      prior: priorSpecOf(models.prior),
      float16,
      createdAt: new Date().toISOString(),
    },
    encoder: await captureModel(models.encoder, { float16 }),
    decoder: await captureModel(models.decoder, { float16 }),
  };
}
