import * as tf from "@tensorflow/tfjs";
import type { CheckpointArtifacts, EpochMetrics, Progress, SampleGrid } from "../../../../lib/contracts/training";
import { resolveConfig, type PresetId, type TrainOverrides } from "../../../../lib/model/config";
import type { TrainingData, TrainingHooks } from "../../../../server/training/trainer";
import { mnistSubset } from "../../lib/tfWasm";

/** The trainer tests' data (512 training and 200 test images of real MNIST), a hooks recorder and a small model. */

export const trainSet = mnistSubset("train", 512);
export const testSet = mnistSubset("t10k", 200);
export const data: TrainingData = {
  trainImages: trainSet.images,
  trainLabels: trainSet.labels,
  trainCount: 512,
  testImages: testSet.images,
  testLabels: testSet.labels,
  testCount: 200,
};

export interface Recorded {
  progress: Progress[];
  epochs: EpochMetrics[];
  samples: { epoch: number; grids: SampleGrid[] }[];
  checkpoints: CheckpointArtifacts[];
  tensorsAtEpochEnd: number[];
}

export function recorder(control: TrainingHooks["control"] = () => "continue"): {
  hooks: TrainingHooks;
  rec: Recorded;
} {
  const rec: Recorded = { progress: [], epochs: [], samples: [], checkpoints: [], tensorsAtEpochEnd: [] };
  return {
    rec,
    hooks: {
      onProgress: (p) => rec.progress.push(p),
      onEpoch: (m) => rec.epochs.push(m),
      onSamples: (epoch, grids) => rec.samples.push({ epoch, grids }),
      onCheckpoint: (_epoch, a) => {
        rec.checkpoints.push(a);
        rec.tensorsAtEpochEnd.push(tf.memory().numTensors);
      },
      control,
    },
  };
}

export const small = (preset: PresetId, o: TrainOverrides = {}) =>
  resolveConfig(preset, {
    encoderHidden: [32],
    decoderHidden: [32],
    latentDim: 4,
    batchSize: 64,
    trainSize: 512,
    testSize: 200,
    epochs: 1,
    ...o,
  });
