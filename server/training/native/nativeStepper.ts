import * as tf from "@tensorflow/tfjs";
import type { OptimizerState } from "../../../lib/contracts/training";
import type { VaeModels } from "../../../lib/model/build";
import { conditionWidth, PIXELS } from "../../../lib/model/config";
import { trainableVariables } from "../../../lib/model/vae";
import { activationName } from "../../../lib/model/variables";
import { adamScalars } from "../parallel/flatAdam";
import { planSlots, type VariableSlot } from "../parallel/layout";
import type { StepRequest, StepStats, StepperData, TrainStepper } from "../parallel/stepper";
import type { NativeKernels, TrainerHandle } from "./kernelsApi";

/**
 * The training step as one native call (native/kernels/src/step.c): batch assembly, forward, backward and Adam of
 * the whole batch in C, over a persistent team of threads that the addon keeps between steps (data-parallel: each
 * thread a shard of the batch, then each thread Adam on its range of the weights; spin-then-sleep barriers).
 *
 * Why (docs/performance.md, "Both cores"): with tfjs in every gradient thread each step paid ~20 launches of JS per
 * thread, copies of every gradient out of wasm and of every weight back into the variables, and two barriers
 * through Atomics.wait — the second thread added 5–15 %. Here the weights live in one flat Float32Array that C reads
 * and updates in place; the tfjs variables are refreshed from it only when someone looks at the model
 * (syncWeights: test evaluation, samples, checkpoints), once an epoch.
 *
 * Same maths as server/training/kernels/fastGrads.ts (the tests compare the gradients with its stock-op
 * compositions), the same noise (gaussianFill, image-major) and the same Adam (FlatAdam's scaled moments).
 */
export interface NativeTrainStepper extends TrainStepper {
  /** The batch's gradient of the mean loss [P] in trainableVariables order, no update (tests). */
  gradients(r: StepRequest): { grads: Float32Array; stats: StepStats };
  /** Test negative ELBO (β = 1) under the current weights: what loop/evaluate.ts testNegElbo computes, natively. */
  evaluate(set: NativeEvaluationSet): { negElbo: number; recon: number; kl: number };
}

/** What evaluate() reads: test images as bytes, their noise [count, L], and for inpainting the evaluation hole [784]. */
export interface NativeEvaluationSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  eps: Float32Array;
  hole: Float32Array | null;
}

const COND_KIND = { none: 0, label: 1, inpaint: 2 } as const;

interface DenseSlots {
  kernel: VariableSlot;
  bias: VariableSlot;
}

/** Kernel/bias slot pairs of a Layers model's Dense layers, checking the activations the C step assumes. */
function stackSlots(
  model: tf.LayersModel,
  slots: VariableSlot[],
  first: number,
  last: "linear" | "sigmoid",
): DenseSlots[] {
  const layers = model.layers.filter((l) => l.trainableWeights.length > 0);
  return layers.map((layer, i) => {
    const activation = activationName(layer);
    const want = i === layers.length - 1 ? last : "relu";
    if (activation !== want) throw new Error(`native step: layer ${layer.name} is ${activation}, expected ${want}`);
    const kernel = slots[first + 2 * i];
    const bias = slots[first + 2 * i + 1];
    if (kernel?.shape.length !== 2 || bias?.shape.length !== 1)
      throw new Error(`native step: layer ${layer.name} is not Dense`);
    return { kernel, bias };
  });
}

/**
 * The plan trainerCreate reads: [threads, maxBatch, latent, condKind, condWidth, priorOffset, P, encoder layers,
 * (in, out, kernel offset, bias offset) per layer, decoder layers, (…) per layer].
 */
export function trainerPlan(models: VaeModels, slots: VariableSlot[], threads: number, maxBatch: number): Float64Array {
  const config = models.config;
  const enc = stackSlots(models.encoder, slots, 0, "linear");
  const dec = stackSlots(models.decoder, slots, 2 * enc.length, "sigmoid");
  const priorSlot = models.prior ? slots[2 * (enc.length + dec.length)] : undefined;
  if (models.prior && !priorSlot) throw new Error("native step: the prior has no slot");
  const P = slots.reduce((a, s) => a + s.size, 0);
  const layers = (stack: DenseSlots[]): number[] => [
    stack.length,
    ...stack.flatMap((l) => [l.kernel.shape[0]!, l.kernel.shape[1]!, l.kernel.offset, l.bias.offset]),
  ];
  return Float64Array.from([
    threads,
    maxBatch,
    config.latentDim,
    COND_KIND[config.condition],
    conditionWidth(config.condition),
    priorSlot ? priorSlot.offset : -1,
    P,
    ...layers(enc),
    ...layers(dec),
  ]);
}

export function createNativeStepper(
  addon: NativeKernels,
  models: VaeModels,
  data: StepperData,
  opts: { threads: number; learningRate: number; batchSize: number; optimizer?: OptimizerState },
): NativeTrainStepper {
  const vars = trainableVariables(models);
  const slots = planSlots(vars);
  const P = slots.reduce((a, s) => a + s.size, 0);
  const params = new Float32Array(P);
  vars.forEach((v, i) => params.set(v.dataSync(), slots[i]!.offset));
  const moments = new Float32Array(2 * P);
  if (opts.optimizer) {
    if (opts.optimizer.moments.byteLength !== 8 * P)
      throw new Error(
        `optimizer state holds ${opts.optimizer.moments.byteLength / 4} floats, this model needs ${2 * P}`,
      );
    moments.set(new Float32Array(opts.optimizer.moments));
  }
  let adamStep = opts.optimizer?.step ?? 0;
  const count = Math.floor(data.images.length / PIXELS);
  // One OpenBLAS thread per caller: the trainer's own threads are the parallelism.
  addon.setThreads(1);
  const handle: TrainerHandle = addon.trainerCreate(
    trainerPlan(models, slots, opts.threads, opts.batchSize),
    params,
    moments,
    data.images.subarray(0, count * PIXELS),
    data.labels.subarray(0, count),
  );
  const L = models.config.latentDim;
  const sums = new Float64Array(2);
  const epsilon = tf.backend().epsilon();
  const [beta1, beta2] = [0.9, 0.999];
  let dirty = false; // the variables are behind the flat weights
  let disposed = false;

  const check = (r: StepRequest): void => {
    if (disposed) throw new Error("TrainStepper: disposed");
    if (r.size < 1 || r.size > opts.batchSize)
      throw new Error(`TrainStepper: batch size ${r.size} outside 1..${opts.batchSize}`);
  };
  const statsOf = (size: number, klWeight: number): StepStats => {
    const [recon = NaN, kl = NaN] = sums;
    return [(recon + klWeight * kl) / size, recon / size, kl / size];
  };

  /** Test negative ELBO (β = 1) per image under the current weights, on every thread, in batches of batchSize. */
  const evaluate = (set: NativeEvaluationSet): { negElbo: number; recon: number; kl: number } => {
    if (disposed) throw new Error("TrainStepper: disposed");
    const B = opts.batchSize;
    const masks = set.hole ? new Float32Array(B * PIXELS) : null;
    if (masks && set.hole) for (let r = 0; r < B; r++) masks.set(set.hole, r * PIXELS);
    const images = set.images.subarray(0, set.count * PIXELS);
    const labels = set.labels.subarray(0, set.count);
    let recon = 0;
    let kl = 0;
    for (let start = 0; start < set.count; start += B) {
      const size = Math.min(B, set.count - start);
      addon.trainerEvaluate(
        handle,
        images,
        labels,
        start,
        size,
        set.eps.subarray(start * L, (start + size) * L),
        masks,
        sums,
      );
      recon += sums[0]!;
      kl += sums[1]!;
    }
    return { negElbo: (recon + kl) / set.count, recon: recon / set.count, kl: kl / set.count };
  };

  const syncWeights = (): void => {
    if (!dirty || disposed) return;
    // In a tidy: assign() shares the new tensor's data, the temporary tensor object itself must go.
    tf.tidy(() =>
      vars.forEach((v, i) => {
        const s = slots[i]!;
        v.assign(tf.tensor(params.subarray(s.offset, s.offset + s.size), s.shape));
      }),
    );
    dirty = false;
  };

  return {
    threads: opts.threads,
    step(r: StepRequest): StepStats {
      check(r);
      adamStep += 1;
      const { stepSize, epsT } = adamScalars(opts.learningRate, adamStep, beta1, beta2, epsilon);
      // The noise of gaussianFill(·, epsSeed), drawn in C by the step's threads (~55 µs of JS a step otherwise).
      addon.trainerStep(
        handle,
        r.perm,
        r.start,
        r.size,
        r.epsSeed >>> 0,
        r.masks,
        r.klWeight,
        stepSize,
        beta1,
        beta2,
        epsT,
        sums,
      );
      dirty = true;
      return statsOf(r.size, r.klWeight);
    },
    gradients(r: StepRequest): { grads: Float32Array; stats: StepStats } {
      check(r);
      const grads = new Float32Array(P);
      addon.trainerGradients(handle, r.perm, r.start, r.size, r.epsSeed >>> 0, r.masks, r.klWeight, grads, sums);
      return { grads, stats: statsOf(r.size, r.klWeight) };
    },
    syncWeights,
    evaluate,
    optimizerState: (): OptimizerState => ({ step: adamStep, moments: moments.slice().buffer }),
    async dispose(): Promise<void> {
      if (disposed) return;
      syncWeights();
      disposed = true;
      addon.trainerFree(handle);
    },
  };
}
