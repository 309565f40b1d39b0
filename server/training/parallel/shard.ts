import * as tf from "@tensorflow/tfjs";
import type { VaeModels } from "../../../lib/model/build";
import { PIXELS, type ConditionKind } from "../../../lib/model/config";
import { negElboGradientsT } from "../kernels/fastGrads";
import { trainableVariables } from "../../../lib/model/vae";
import type { OptimizerState } from "../../../lib/contracts/training";
import { activeNativeKernels } from "../native/addon";
import { nativeMatMulInstalled } from "../native/matMulKernel";
import { FlatAdam } from "./flatAdam";
import { fillConditionT } from "../../../lib/model/conditions";
import { shardRange } from "./batch";
import { copyTensorInto } from "./heap";
import { CTRL_BARRIER, CTRL_ERROR, type SharedRegions, type VariableSlot } from "./layout";

/** How long a thread waits at a barrier before it declares the group broken. */
const BARRIER_TIMEOUT_MS = 120_000;

/** One shard's inputs, feature-major (the layout of server/training/kernels/fastGrads.ts negElboGradientsT). */
export interface ShardTensors {
  /** [784, n] in [0, 1] */
  xT: tf.Tensor2D;
  /** [condWidth, n] or null */
  condT: tf.Tensor2D | null;
  /** [latent, n] */
  epsT: tf.Tensor2D;
}

/**
 * Uploads a shard's feature-major arrays (batch.ts fill*T) as ShardTensors, building the condition in `condScratch`
 * (condition width × n floats). The tensors belong to the caller's tidy.
 */
export function shardTensors(
  kind: ConditionKind,
  n: number,
  latent: number,
  arrays: { xT: Float32Array; epsT: Float32Array; labels: Int32Array; masks: Float32Array | null },
  condScratch: Float32Array,
): ShardTensors {
  const cond = fillConditionT(kind, arrays.xT, arrays.labels, arrays.masks, n, condScratch);
  return {
    xT: tf.tensor2d(arrays.xT.subarray(0, PIXELS * n), [PIXELS, n]),
    condT: cond ? tf.tensor2d(cond, [cond.length / n, n]) : null,
    epsT: tf.tensor2d(arrays.epsT.subarray(0, latent * n), [latent, n]),
  };
}

/**
 * One thread's part of a data-parallel Adam step (the same code runs on the training thread, rank 0, and in
 * every gradient worker; with one thread there is no shared memory and no barrier).
 *
 *   1. gradients of this shard, scaled by 1 / batch size (so the shards' gradients add up to the batch mean),
 *      published into this thread's row of the shared gradient matrix; barrier;
 *   2. for this thread's range of the flat weight vector: one Adam update in place (FlatAdam: the rows summed
 *      in a fixed order inside the same pass); barrier;
 *   3. every variable reloads from the shared vector.
 * Each weight has exactly one owner, so replicas cannot drift apart. The flat layout gives an even split of the
 * optimizer work whatever the layer sizes, and no tensor traffic for the optimizer at all.
 */
export class ShardRunner {
  private readonly vars: tf.Variable[];
  private readonly adam: FlatAdam;
  private readonly params: Float32Array;
  private readonly grads: Float32Array;
  private readonly stats: Float32Array;
  private readonly ctrl: Int32Array;
  private readonly paramCount: number;
  private readonly lo: number;
  private readonly hi: number;
  private readonly moments: Float32Array;
  private barriers = 0;

  /**
   * @param optimizer where Adam resumes from: every thread passes the update count; thread 0 also the moments
   *   [2 × P] (m then v), which it writes into the shared moments before the workers' first step.
   */
  constructor(
    private readonly models: VaeModels,
    private readonly regions: SharedRegions | null,
    private readonly slots: VariableSlot[],
    readonly rank: number,
    learningRate: number,
    optimizer: { step: number; moments?: Float32Array } = { step: 0 },
  ) {
    this.vars = trainableVariables(models);
    // Matched by position and shape: tfjs uniquifies variable names per thread, so names differ between threads.
    if (
      this.vars.length !== slots.length ||
      this.vars.some((v, i) => v.shape.join("x") !== slots[i]?.shape.join("x"))
    ) {
      throw new Error("ShardRunner: variables do not match the slot plan");
    }
    this.paramCount = slots.reduce((a, s) => a + s.size, 0);
    const threads = regions?.threads ?? 1;
    ({ from: this.lo, to: this.hi } = shardRange(this.paramCount, threads, rank));
    const P = this.paramCount;
    this.moments = regions ? new Float32Array(regions.moments) : new Float32Array(2 * P);
    if (this.moments.length !== 2 * P) throw new Error("ShardRunner: shared moments do not fit the model");
    if (optimizer.moments) {
      if (optimizer.moments.length !== 2 * P)
        throw new Error(
          `ShardRunner: optimizer moments hold ${optimizer.moments.length} floats, the model needs ${2 * P}`,
        );
      this.moments.set(optimizer.moments);
    }
    this.adam = new FlatAdam(learningRate, this.lo, this.hi, activeNativeKernels(), tf.backend().epsilon(), {
      m: this.moments.subarray(this.lo, this.hi),
      v: this.moments.subarray(P + this.lo, P + this.hi),
      step: optimizer.step,
    });
    this.params = regions ? new Float32Array(regions.params) : new Float32Array(this.paramCount);
    this.grads = regions ? new Float32Array(regions.grads) : new Float32Array(this.paramCount);
    this.stats = regions ? new Float32Array(regions.stats) : new Float32Array(3);
    this.ctrl = regions ? new Int32Array(regions.ctrl) : new Int32Array(4);
    if (regions && (regions.paramCount !== this.paramCount || this.grads.length !== threads * this.paramCount)) {
      throw new Error("ShardRunner: shared regions do not fit the model");
    }
    if (!regions) this.publishAllWeights();
  }

  get threads(): number {
    return this.regions?.threads ?? 1;
  }

  /** Copies every variable into the (shared) weight vector: thread 0 before the workers start. */
  publishAllWeights(): void {
    this.vars.forEach((v, i) => copyTensorInto(v, this.params, this.slots[i]!.offset));
  }

  /** Loads every variable from the (shared) weight vector. */
  loadAllWeights(): void {
    this.vars.forEach((v, i) => {
      const s = this.slots[i]!;
      v.assign(tf.tensor(this.params.subarray(s.offset, s.offset + s.size), s.shape));
    });
  }

  /**
   * Runs this thread's part of one step. `shard` is null when this thread's share of a short batch is empty.
   * Returns this thread's [loss, recon, kl] share (already divided by the batch size); the caller disposes it.
   */
  step(shard: ShardTensors | null, klWeight: number, batchSize: number): tf.Tensor1D {
    const out =
      shard && shard.xT.shape[1] > 0
        ? negElboGradientsT(this.models, shard.xT, shard.condT, shard.epsT, klWeight, batchSize, {
            transposeByFlags: nativeMatMulInstalled(),
          })
        : {
            grads: Object.fromEntries(this.vars.map((v) => [v.name, tf.zerosLike(v)])),
            stats: tf.zeros<tf.Rank.R1>([3]),
          };
    const P = this.paramCount;
    const row = this.rank * P;
    try {
      this.vars.forEach((v, i) => copyTensorInto(out.grads[v.name]!, this.grads, row + this.slots[i]!.offset));
    } finally {
      tf.dispose(Object.values(out.grads));
    }
    if (this.regions) {
      this.stats.set(out.stats.dataSync(), this.rank * 3);
      this.barrier();
    }
    // Sums the threads' gradient rows over this thread's range (in rank order) and updates the weights in place.
    this.adam.update(this.params, this.grads, this.threads, P);
    if (this.regions) this.barrier();
    this.loadAllWeights();
    return out.stats;
  }

  /** Adam's state for a checkpoint (thread 0, between steps: every range is up to date then). A copy. */
  optimizerState(): OptimizerState {
    return { step: this.adam.iterations, moments: this.moments.slice().buffer };
  }

  /** Sum of the other threads' published stats (thread 0 adds them to its own). Valid after step() returned. */
  othersStats(): [number, number, number] {
    let [loss, recon, kl] = [0, 0, 0];
    for (let k = 0; k < this.threads; k++) {
      if (k === this.rank) continue;
      loss += this.stats[k * 3] ?? 0;
      recon += this.stats[k * 3 + 1] ?? 0;
      kl += this.stats[k * 3 + 2] ?? 0;
    }
    return [loss, recon, kl];
  }

  /** Waits until all threads arrived (a generation counter: the n-th barrier completes at threads × n). */
  private barrier(): void {
    this.barriers += 1;
    const target = this.threads * this.barriers;
    Atomics.add(this.ctrl, CTRL_BARRIER, 1);
    Atomics.notify(this.ctrl, CTRL_BARRIER);
    const deadline = Date.now() + BARRIER_TIMEOUT_MS;
    for (;;) {
      if (Atomics.load(this.ctrl, CTRL_ERROR) !== 0) throw new Error("data-parallel step: another thread failed");
      const seen = Atomics.load(this.ctrl, CTRL_BARRIER);
      if (seen >= target) return;
      if (Date.now() > deadline) throw new Error("data-parallel step: barrier timed out");
      Atomics.wait(this.ctrl, CTRL_BARRIER, seen, 1000);
    }
  }

  /** Marks the group broken and wakes everyone (a thread that failed mid-step). */
  fail(): void {
    Atomics.store(this.ctrl, CTRL_ERROR, 1);
    Atomics.notify(this.ctrl, CTRL_BARRIER);
  }

  dispose(): void {
    // Nothing tensor-shaped to free: the optimizer state is plain arrays, the variables belong to the models.
  }
}
