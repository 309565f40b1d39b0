import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CheckpointArtifacts } from "../../../lib/contracts/training";
import { buildVae, disposeVae } from "../../../lib/model/build";
import { resolveConfig, type PresetId } from "../../../lib/model/config";
import { trainableVariables } from "../../../lib/model/vae";
import { mulberry32, permutation, trainingMasks } from "../../../server/training/loop/random";
import { createTrainStepper, nativeStepAvailable } from "../../../server/training/parallel/stepper";
import { train } from "../../../server/training/trainer";
import { mnistSubset, useWasm } from "../../unit/lib/tfWasm";
import { quietHooks } from "../../support/trainHooks";

before(useWasm);

const N = 96;
const mnist = mnistSubset("train", N);

/** Runs `steps` steps with `threads` threads from the same initial weights; returns the final flat weights and stats. */
async function run(
  preset: PresetId,
  threads: number,
  steps: number,
  step: StepKind = "tfjs",
): Promise<{ weights: Float32Array; stats: number[][] }> {
  const config = resolveConfig(preset, {
    encoderHidden: [48],
    decoderHidden: [48],
    latentDim: 4,
    batchSize: 32,
    seed: 3,
  });
  const models = buildVae(config);
  const stepper = await createTrainStepper(
    models,
    { images: mnist.images, labels: mnist.labels },
    { threads, learningRate: 1e-2, batchSize: 32, step },
  );
  const perm = permutation(N, mulberry32(5));
  const rand = mulberry32(6);
  const stats: number[][] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const start = (s * 32) % N;
      const size = s === steps - 1 ? 7 : 32; // a short last batch: 7 rows over the threads
      const masks = config.condition === "inpaint" ? trainingMasks(size, rand) : null;
      stats.push([...stepper.step({ perm, start, size, klWeight: 0.5, epsSeed: 100 + s, masks })]);
    }
  } finally {
    await stepper.dispose();
  }
  const weights = new Float32Array(trainableVariables(models).flatMap((v) => Array.from(v.dataSync())));
  disposeVae(models);
  return { weights, stats };
}

/** "tfjs": tfjs kernels with gradient worker threads (what NATIVE_KERNELS=0 runs); "auto": the native whole step when built. */
type StepKind = "auto" | "tfjs";
const kinds: StepKind[] = nativeStepAvailable() ? ["tfjs", "auto"] : ["tfjs"];

for (const kind of kinds) {
  for (const preset of ["vae-seed", "cvae-label", "cvae-inpaint"] as const) {
    test(`${preset}, ${kind === "tfjs" ? "tfjs step" : "native step"}: two and three gradient threads give the weights and losses of one thread`, async () => {
      const one = await run(preset, 1, 4, kind);
      for (const threads of preset === "vae-seed" ? [2, 3] : [2]) {
        const many = await run(preset, threads, 4, kind);
        one.stats.forEach((s, i) =>
          s.forEach((v, j) =>
            assert.ok(
              Math.abs(v - many.stats[i]![j]!) <= 1e-3 * Math.max(1, Math.abs(v)),
              `${threads} threads, step ${i} stat ${j}: ${v} vs ${many.stats[i]![j]}`,
            ),
          ),
        );
        let maxDiff = 0;
        let moved = 0;
        one.weights.forEach((w, i) => (maxDiff = Math.max(maxDiff, Math.abs(w - many.weights[i]!))));
        assert.ok(maxDiff < 2e-4, `${threads} threads: max weight difference ${maxDiff}`);
        const init = await run(preset, 1, 0, kind);
        one.weights.forEach((w, i) => (moved = Math.max(moved, Math.abs(w - init.weights[i]!))));
        assert.ok(moved > 1e-2, "training moved the weights, so equal weights mean equal updates");
      }
    });
  }
}

/** The whole-run tests' model: three epochs of vae-seed (hidden 64, latent 4) on the N images, 10 test images. */
const trainConfig = (batchSize: number) =>
  resolveConfig("vae-seed", {
    encoderHidden: [64],
    decoderHidden: [64],
    latentDim: 4,
    batchSize,
    epochs: 3,
    trainSize: N,
    testSize: 10,
  });
const trainData = {
  trainImages: mnist.images,
  trainLabels: mnist.labels,
  trainCount: N,
  testImages: mnist.images,
  testLabels: mnist.labels,
  testCount: 10,
};

test("train() with two gradient threads learns and ends its worker threads", async () => {
  const config = trainConfig(16);
  const losses: number[] = [];
  const result = await train(config, trainData, quietHooks({ onEpoch: (m) => void losses.push(m.trainLoss) }), {
    gradientWorkers: 2,
  });
  assert.equal(result.lastEpoch, 3);
  assert.ok(losses[2]! < losses[0]!, `train loss went down: ${losses.join(" → ")}`);
  disposeVae(result.models);
  assert.ok(tf.memory().numTensors < 200);
});

test("with two gradient threads, a resume from a checkpoint continues exactly (the moments of both threads' ranges are saved)", async () => {
  const config = trainConfig(32);
  const checkpoints = async (c: typeof config, resumeFrom?: CheckpointArtifacts) => {
    const seen: CheckpointArtifacts[] = [];
    const hooks = quietHooks({ onCheckpoint: (_e, a) => void seen.push(a) });
    disposeVae(
      (await train(c, trainData, hooks, { gradientWorkers: 2, ...(resumeFrom ? { resumeFrom } : {}) })).models,
    );
    return seen;
  };
  const whole = await checkpoints(config);
  const firstTwo = await checkpoints({ ...config, epochs: 2 });
  const resumed = await checkpoints(config, firstTwo[1]);
  const bytes = (a: CheckpointArtifacts) =>
    Buffer.concat([Buffer.from(a.encoder.weightData), Buffer.from(a.decoder.weightData)]);
  assert.ok(
    bytes(resumed[0]!).equals(bytes(whole[2]!)),
    "epoch 3 after a resume == epoch 3 uninterrupted, bit for bit",
  );
  assert.ok(
    Buffer.from(resumed[0]!.optimizer!.moments).equals(Buffer.from(whole[2]!.optimizer!.moments)),
    "and so are Adam's moments",
  );
});

test(
  "the native whole step and the tfjs step train to the same weights (same batches, noise and Adam)",
  { skip: nativeStepAvailable() ? false : "native kernels not built" },
  async () => {
    for (const preset of ["vae-seed", "cvae-label", "cvae-inpaint"] as const) {
      const tfjs = await run(preset, 1, 4, "tfjs");
      const native = await run(preset, 2, 4, "auto");
      tfjs.stats.forEach((s, i) =>
        s.forEach((v, j) =>
          assert.ok(
            Math.abs(v - native.stats[i]![j]!) <= 1e-3 * Math.max(1, Math.abs(v)),
            `${preset} step ${i} stat ${j}: ${v} vs ${native.stats[i]![j]}`,
          ),
        ),
      );
      let maxDiff = 0;
      tfjs.weights.forEach((w, i) => (maxDiff = Math.max(maxDiff, Math.abs(w - native.weights[i]!))));
      assert.ok(maxDiff < 2e-4, `${preset}: max weight difference ${maxDiff}`);
    }
  },
);
