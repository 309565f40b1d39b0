import type { CheckpointArtifacts, EpochMetrics } from "../../../lib/contracts/training";
import { captureModel, conditionLayout } from "../../../lib/model/artifacts";
import type { VaeModels } from "../../../lib/model/build";

/** Encoder + decoder artifacts and meta at the end of an epoch (what onCheckpoint receives and resume reads). */
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
      float16,
      createdAt: new Date().toISOString(),
    },
    encoder: await captureModel(models.encoder, { float16 }),
    decoder: await captureModel(models.decoder, { float16 }),
  };
}
