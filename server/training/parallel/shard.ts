import * as tf from "@tensorflow/tfjs";
import type { VaeModels } from "../../../lib/model/build";
import { negElboGradients } from "../../../lib/model/fastGrads";
import { trainableVariables } from "../../../lib/model/vae";
import { FastAdam } from "./adam";
import { CTRL_BARRIER, CTRL_ERROR, type SharedRegions, type VariableSlot } from "./layout";

/** How long a thread waits at a barrier before it declares the group broken. */
const BARRIER_TIMEOUT_MS = 120_000;

export interface ShardTensors {
  /** [n, 784] in [0, 1] */
  x: tf.Tensor2D;
  /** [n, condWidth] or null */
  cond: tf.Tensor2D | null;
  /** [n, latent] */
  eps: tf.Tensor2D;
}

/**
 * One thread's part of a data-parallel Adam step (the same code runs on the training thread, rank 0, and in
 * every gradient worker). With one thread it is just: fast gradients, then Adam.
 *
 *   1. gradients of this shard, scaled by 1 / batch size (so the shards' gradients add up to the batch mean);
 *   2. publish the gradients of variables other threads own; barrier;
 *   3. for owned variables: sum all threads' gradients, Adam update, publish the new weights; barrier;
 *   4. copy the variables others own from the shared weights.
 * Every variable has one owner, so the weights cannot drift apart between threads.
 */
export class ShardRunner {
  private readonly vars: tf.Variable[];
  private readonly owned: tf.Variable[];
  private readonly adam: FastAdam;
  private readonly params: Float32Array;
  private readonly grads: Float32Array;
  private readonly stats: Float32Array;
  private readonly ctrl: Int32Array;
  private barriers = 0;

  constructor(
    private readonly models: VaeModels,
    private readonly regions: SharedRegions | null,
    private readonly slots: VariableSlot[],
    readonly rank: number,
    learningRate: number,
  ) {
    this.vars = trainableVariables(models);
    // Matched by position and shape: tfjs uniquifies variable names per thread, so names differ between threads.
    if (this.vars.length !== slots.length || this.vars.some((v, i) => v.shape.join("x") !== slots[i]?.shape.join("x"))) {
      throw new Error("ShardRunner: variables do not match the slot plan");
    }
    this.owned = this.vars.filter((_, i) => slots[i]!.owner === rank);
    this.adam = new FastAdam(learningRate);
    const P = regions?.paramCount ?? 0;
    this.params = regions ? new Float32Array(regions.params) : new Float32Array(0);
    this.grads = regions ? new Float32Array(regions.grads) : new Float32Array(0);
    this.stats = regions ? new Float32Array(regions.stats) : new Float32Array(0);
    this.ctrl = regions ? new Int32Array(regions.ctrl) : new Int32Array(4);
    if (regions && this.grads.length !== regions.threads * P) throw new Error("ShardRunner: bad grads region");
  }

  get threads(): number {
    return this.regions?.threads ?? 1;
  }

  /** Copies every variable into the shared weights (thread 0, before the workers start). */
  publishAllWeights(): void {
    this.vars.forEach((v, i) => this.params.set(v.dataSync(), this.slots[i]!.offset));
  }

  /** Loads every variable from the shared weights (a worker, at start). */
  loadAllWeights(): void {
    this.vars.forEach((v, i) => this.loadWeight(v, this.slots[i]!));
  }

  private loadWeight(v: tf.Variable, s: VariableSlot): void {
    v.assign(tf.tensor(this.params.subarray(s.offset, s.offset + s.size), s.shape));
  }

  /**
   * Runs this thread's part of one step. `shard` is null when this thread's share of a short batch is empty.
   * Returns this thread's [loss, recon, kl] share (already divided by the batch size); the caller disposes it.
   */
  step(shard: ShardTensors | null, klWeight: number, batchSize: number): tf.Tensor1D {
    const out =
      shard && shard.x.shape[0] > 0
        ? negElboGradients(this.models, shard.x, shard.cond, shard.eps, klWeight, batchSize)
        : { grads: Object.fromEntries(this.vars.map((v) => [v.name, tf.zerosLike(v)])), stats: tf.zeros([3]) as tf.Tensor1D };
    try {
      if (!this.regions) {
        this.adam.applyGradients(this.vars, out.grads);
        return out.stats;
      }
      const P = this.regions.paramCount;
      const mine = this.rank * P;
      this.vars.forEach((v, i) => {
        const s = this.slots[i]!;
        if (s.owner !== this.rank) this.grads.set(out.grads[v.name]!.dataSync(), mine + s.offset);
      });
      this.stats.set(out.stats.dataSync(), this.rank * 3);
      this.barrier();
      const summed: tf.NamedTensorMap = {};
      tf.tidy(() => {
        this.vars.forEach((v, i) => {
          const s = this.slots[i]!;
          if (s.owner !== this.rank) return;
          let g = out.grads[v.name]!;
          for (let k = 0; k < this.threads; k++) {
            if (k === this.rank) continue;
            const from = k * P + s.offset;
            g = tf.add(g, tf.tensor(this.grads.subarray(from, from + s.size), s.shape));
          }
          summed[v.name] = tf.keep(g);
        });
      });
      this.adam.applyGradients(this.owned, summed);
      tf.dispose(Object.values(summed)); // threads ≥ 2 here, so every sum is a new tensor
      this.owned.forEach((v) => {
        const s = this.slots[this.vars.indexOf(v)]!;
        this.params.set(v.dataSync(), s.offset);
      });
      this.barrier();
      this.vars.forEach((v, i) => {
        const s = this.slots[i]!;
        if (s.owner !== this.rank) this.loadWeight(v, s);
      });
      return out.stats;
    } finally {
      tf.dispose(Object.values(out.grads));
    }
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
    this.adam.dispose();
  }
}
