import * as tf from "@tensorflow/tfjs";
import type { CheckpointArtifacts, EpochMetrics, Progress, SampleGrid } from "../../lib/contracts/training";
import { loadModel } from "../../lib/model/artifacts";
import { buildVae, disposeVae, type VaeModels } from "../../lib/model/build";
import { PIXELS, ValidTrainConfigSchema, type TrainConfig } from "../../lib/model/config";
import { loadPriorSpec } from "../../lib/model/prior";
import { parameterCount } from "../../lib/model/vae";
import { checkpointArtifacts } from "./loop/checkpoint";
import { evaluationNoise, testNegElbo } from "./loop/evaluate";
import { deriveSeed, mulberry32, permutation, trainingMasks } from "./loop/random";
import { disposeFixtures, prepareSampleFixtures, sampleGrids } from "./loop/samples";
import {
  disposeLatentScatter,
  latentScatter,
  prepareLatentScatter,
  type LatentScatter,
  type LatentScatterFixture,
} from "./loop/latentScatter";
import type { NativeEvaluationSet } from "./native/nativeStepper";
import { createTrainStepper, resolveTrainThreads } from "./parallel/stepper";
import { errorMessage } from "../../lib/errors";

/**
 * The epoch loop, backend-agnostic (the caller picks and readies the tfjs backend).
 *
 * Speed choices (docs/performance.md): batches are assembled from the uint8 images through the epoch's
 * permutation straight into the upload buffer (wasm's Slice/Gather on a whole-dataset tensor were the slow part);
 * gradients come from explicit backprop (server/training/kernels/fastGrads), Adam from parallel/flatAdam, and the batch is split
 * over data-parallel gradient threads (parallel/stepper); loss values are read back only when progress is reported.
 */

/** Images are count * 784 bytes, 0..255; labels one byte per image. */
export interface TrainingData {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  trainCount: number;
  testImages: Uint8Array;
  testLabels: Uint8Array;
  testCount: number;
}

export interface TrainingHooks {
  /** At most every progressIntervalMs, and always at the last step of each epoch. */
  onProgress(p: Progress): void;
  /** After each epoch: test negative ELBO (β = 1) on the first config.testSize test images. */
  onEpoch(m: EpochMetrics): void;
  onSamples(epoch: number, grids: SampleGrid[]): void;
  /**
   * After each epoch's samples, when given: the latent scatter of a fixed set of test images (loop/latentScatter.ts).
   * Optional, so callers that do not draw it pay nothing.
   */
  onLatent?(scatter: LatentScatter): void;
  onCheckpoint(epoch: number, artifacts: CheckpointArtifacts): void;
  /** Called between steps; a promise pauses until it resolves. "stop" ends training after the current step. */
  control(): "continue" | "stop" | Promise<"continue" | "stop">;
}

export interface TrainOptions {
  /**
   * Continue from this checkpoint at its epoch + 1: its weights, and Adam's state when the checkpoint has one
   * that fits the model (older checkpoints do not: Adam then restarts fresh).
   */
  resumeFrom?: CheckpointArtifacts;
  progressIntervalMs?: number;
  /** Only informative (the backend is already set); defaults to tf.getBackend(). */
  backendName?: string;
  /** Checkpoint weights as float16 (half the bytes, ~3 significant digits). */
  float16?: boolean;
  /** Threads computing gradients (1 = this thread only); TRAIN_WORKERS overrides; default: what measured fastest. */
  gradientWorkers?: number;
}

export interface TrainResult {
  /** Last fully completed epoch (a stop mid-epoch leaves the partial epoch out of it). */
  lastEpoch: number;
  stopped: boolean;
  /** The trained models (also after a stop); the caller disposes them. */
  models: VaeModels;
}

const SEED_SHUFFLE = 1;
const SEED_EPS = 2;
const SEED_MASKS = 3;
const SEED_EVAL = 4;

function checkData(d: TrainingData): void {
  const checks: [string, boolean][] = [
    ["trainCount must be ≥ 1", d.trainCount >= 1],
    ["testCount must be ≥ 1", d.testCount >= 1],
    ["trainImages shorter than trainCount * 784", d.trainImages.length >= d.trainCount * PIXELS],
    ["trainLabels shorter than trainCount", d.trainLabels.length >= d.trainCount],
    ["testImages shorter than testCount * 784", d.testImages.length >= d.testCount * PIXELS],
    ["testLabels shorter than testCount", d.testLabels.length >= d.testCount],
  ];
  const failed = checks.filter(([, ok]) => !ok).map(([msg]) => msg);
  if (failed.length) throw new Error(`train: bad data (${failed.join("; ")})`);
}

/** uint8 images -> [count, 784] float32 in [0, 1], built in one pass. */
function imagesToTensor(bytes: Uint8Array, count: number): tf.Tensor2D {
  const floats = new Float32Array(count * PIXELS);
  for (let i = 0; i < floats.length; i++) floats[i] = (bytes[i] ?? 0) / 255;
  return tf.tensor2d(floats, [count, PIXELS]);
}

/** Builds the models, loading checkpoint weights (and the learned prior) if resuming (throws if the architecture differs). */
async function initialModels(config: TrainConfig, resumeFrom?: CheckpointArtifacts): Promise<VaeModels> {
  const models = buildVae(config);
  if (!resumeFrom) return models;
  try {
    for (const [target, exported] of [
      [models.encoder, resumeFrom.encoder],
      [models.decoder, resumeFrom.decoder],
    ] as const) {
      const loaded = await loadModel(exported);
      try {
        target.setWeights(loaded.getWeights());
      } finally {
        loaded.dispose();
      }
    }
    if (models.prior) loadPriorSpec(models.prior, resumeFrom.meta.prior);
    else if (resumeFrom.meta.prior && resumeFrom.meta.prior.kind !== "standard")
      throw new Error(`the checkpoint has a "${resumeFrom.meta.prior.kind}" prior, this run the standard one`);
  } catch (err) {
    disposeVae(models);
    throw new Error(`train: checkpoint does not fit this config (${errorMessage(err)})`, { cause: err });
  }
  return models;
}

/**
 * KL weight at a point of the run (epochs counted from its start, so a resumed run continues the same schedule):
 * klStart for the first klHoldEpochs (at most klWarmupEpochs), then linear to beta, reached after klWarmupEpochs;
 * beta throughout when klWarmupEpochs is 0.
 */
export function klWeightAt(config: TrainConfig, epochIndex: number, stepFraction: number): number {
  if (config.klWarmupEpochs <= 0) return config.beta;
  const t = epochIndex + stepFraction;
  const hold = Math.min(config.klHoldEpochs, config.klWarmupEpochs);
  if (t < hold) return config.klStart;
  const ramp = config.klWarmupEpochs - hold;
  if (ramp <= 0) return config.beta;
  return config.klStart + (config.beta - config.klStart) * Math.min(1, (t - hold) / ramp);
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const YIELD_MS = 20;

/**
 * Adam's moments (twice the model's size) ride along with a checkpoint at most this often, and always with the
 * last epoch's. Runs with epochs of a few seconds or more (full MNIST: 2–8 s) save them every epoch, so a resume
 * continues exactly; tiny epochs (a 0.3 s epoch checkpoints 20+ MB/s) would otherwise cost the server ~200 MB of
 * peak memory in copies, and a resume from a checkpoint without them restarts Adam, as before.
 */
const OPTIMIZER_STATE_EVERY_MS = 2_000;

/**
 * Trains config.epochs epochs (from the checkpoint's epoch + 1 when resuming), calling the hooks.
 * EpochMetrics.seconds is the wall time of the epoch including test evaluation; imgPerSec counts training only.
 */
export async function train(
  configIn: TrainConfig,
  data: TrainingData,
  hooks: TrainingHooks,
  opts: TrainOptions = {},
): Promise<TrainResult> {
  const config = ValidTrainConfigSchema.parse(configIn);
  checkData(data);
  const interval = opts.progressIntervalMs ?? 100;
  const float16 = opts.float16 ?? false;
  const trainN = Math.min(config.trainSize, data.trainCount);
  const testN = Math.min(config.testSize, data.testCount);
  const batchSize = Math.min(config.batchSize, trainN);
  const stepsPerEpoch = Math.ceil(trainN / batchSize);
  const startEpoch = (opts.resumeFrom?.meta.epoch ?? 0) + 1;

  const models = await initialModels(config, opts.resumeFrom);
  if (startEpoch > config.epochs) return { lastEpoch: startEpoch - 1, stopped: false, models };

  let stepper;
  try {
    const paramCount = parameterCount(models);
    const threads = resolveTrainThreads(opts.gradientWorkers, { batchSize, paramCount });
    const saved = opts.resumeFrom?.optimizer;
    const optimizer = saved && saved.moments.byteLength === 8 * paramCount ? saved : undefined;
    stepper = await createTrainStepper(
      models,
      { images: data.trainImages, labels: data.trainLabels },
      { threads, learningRate: config.learningRate, batchSize, ...(optimizer ? { optimizer } : {}) },
    );
  } catch (e) {
    disposeVae(models);
    throw e;
  }
  const evalSeed = deriveSeed(config.seed, SEED_EVAL, 0);
  // The native step evaluates on its own threads from the bytes; the tfjs path needs the test set as tensors.
  const testX = stepper.evaluate ? null : imagesToTensor(data.testImages, testN);
  const testY = stepper.evaluate ? null : tf.tensor1d(data.testLabels.subarray(0, testN), "int32");
  const fixtures = prepareSampleFixtures(
    config.latentDim,
    config.seed,
    { images: data.trainImages, count: trainN },
    { images: data.testImages, labels: data.testLabels, count: testN },
  );
  const maskBuffer = new Float32Array(batchSize * PIXELS);
  // What only the end of an epoch needs is made there, the first time: the first step (and so the first progress a
  // viewer sees) does not wait for it (~0.1–0.2 s: the scatter's encoded test images, the evaluation noise).
  let nativeEvalSet: NativeEvaluationSet | null = null;
  const nativeEvaluation = (): NativeEvaluationSet =>
    (nativeEvalSet ??= {
      images: data.testImages,
      labels: data.testLabels,
      count: testN,
      eps: evaluationNoise(testN, config.latentDim, evalSeed),
      hole: config.condition === "inpaint" ? (fixtures.hole.dataSync() as Float32Array).slice() : null,
    });
  const prepared: { scatter: LatentScatterFixture | null } = { scatter: null }; // made on first use, by scatter()
  const scatter = (): LatentScatterFixture =>
    (prepared.scatter ??= prepareLatentScatter(
      models,
      { images: data.testImages, labels: data.testLabels, count: testN },
      fixtures.hole,
    ));

  let lastEpoch = startEpoch - 1;
  let stopped = false;
  let lastReport = -Infinity; // the first step is always reported, so a UI shows life at once
  let lastYield = -Infinity;
  let lastMomentsAt = -Infinity;

  try {
    for (let epoch = startEpoch; epoch <= config.epochs; epoch++) {
      const epochStart = performance.now();
      const perm = permutation(trainN, mulberry32(deriveSeed(config.seed, SEED_SHUFFLE, epoch)));
      const maskRand = mulberry32(deriveSeed(config.seed, SEED_MASKS, epoch));
      let epochLossSum = 0;
      let imagesThisEpoch = 0;
      let stepsDone = 0;

      for (let step = 0; step < stepsPerEpoch; step++) {
        const decision = hooks.control();
        if ((typeof decision === "string" ? decision : await decision) === "stop") {
          stopped = true;
          break;
        }
        const start = step * batchSize;
        const size = Math.min(batchSize, trainN - start);
        const klWeight = klWeightAt(config, epoch - 1, step / stepsPerEpoch);
        const epsSeed = deriveSeed(config.seed, SEED_EPS, (epoch - 1) * stepsPerEpoch + step);
        const masks = config.condition === "inpaint" ? trainingMasks(size, maskRand, maskBuffer) : null;

        const stats = stepper.step({ perm, start, size, klWeight, epsSeed, masks });
        epochLossSum += stats[0] * size;
        stepsDone = step + 1;
        imagesThisEpoch += size;

        const now = performance.now();
        const lastStep = step === stepsPerEpoch - 1;
        if (lastStep || now - lastReport >= interval) {
          lastReport = now;
          const [loss, recon, kl] = stats;
          const imgPerSec = imagesThisEpoch / Math.max(1e-9, (now - epochStart) / 1000);
          const remaining = (stepsPerEpoch - stepsDone) * batchSize + (config.epochs - epoch) * trainN;
          hooks.onProgress({
            epoch,
            epochs: config.epochs,
            step: stepsDone,
            stepsPerEpoch,
            globalStep: (epoch - 1) * stepsPerEpoch + stepsDone,
            loss,
            recon,
            kl,
            klWeight,
            imgPerSec,
            etaSeconds: remaining / Math.max(1e-9, imgPerSec),
          });
          // Lets the worker receive pause/stop messages; at most every YIELD_MS, since a macrotask per step costs
          // ~5 % of a 2 ms step when progress is reported every step (bench:train asks for that).
          if (now - lastYield >= YIELD_MS) {
            await yieldToEventLoop();
            lastYield = performance.now();
          }
        }
      }
      const trainSeconds = (performance.now() - epochStart) / 1000;
      const trainLoss = epochLossSum / Math.max(1, imagesThisEpoch);
      if (stopped) break;

      stepper.syncWeights();

      const test = stepper.evaluate
        ? stepper.evaluate(nativeEvaluation())
        : testNegElbo(models, testX!, testY!, fixtures.hole, evalSeed);
      const metrics: EpochMetrics = {
        epoch,
        trainLoss,
        testNegElbo: test.negElbo,
        testRecon: test.recon,
        testKl: test.kl,
        seconds: (performance.now() - epochStart) / 1000,
        imgPerSec: imagesThisEpoch / Math.max(1e-9, trainSeconds),
      };
      hooks.onEpoch(metrics);
      hooks.onSamples(epoch, sampleGrids(models, fixtures));
      if (hooks.onLatent) hooks.onLatent(latentScatter(models, scatter(), epoch));
      const artifacts = await checkpointArtifacts(models, epoch, metrics, float16);
      const withMoments = epoch === config.epochs || performance.now() - lastMomentsAt >= OPTIMIZER_STATE_EVERY_MS;
      if (withMoments) lastMomentsAt = performance.now();
      hooks.onCheckpoint(epoch, withMoments ? { ...artifacts, optimizer: stepper.optimizerState() } : artifacts);
      lastEpoch = epoch;
      await yieldToEventLoop();
    }
  } finally {
    if (testX) tf.dispose(testX);
    if (testY) tf.dispose(testY);
    disposeFixtures(fixtures);
    if (prepared.scatter) disposeLatentScatter(prepared.scatter);
    await stepper.dispose();
  }
  return { lastEpoch, stopped, models };
}
