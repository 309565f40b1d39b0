import type { NativeKernels } from "../native/kernelsApi";

/**
 * Adam on one flat range of the weights, in place on Float32Arrays: the optimizer of the data-parallel step
 * (shard.ts), where weights and gradients already live in (shared) flat arrays. One pass over memory per step,
 * with the native kernel when the addon is built (vectorised C) and the same loop in JS otherwise.
 *
 * Why not tensors: on wasm, Adam as tfjs ops is 10 element-wise kernels over every weight plus uploads of the
 * gradient and downloads of the result — a large share of a step (docs/performance.md).
 *
 * Scaled moments m̃ = m / (1 − β1), ṽ = v / (1 − β2) remove the (1 − β) multiplies:
 *   m̃ ← β1·m̃ + g,   ṽ ← β2·ṽ + g²,   w ← w − α_t · m̃ / (√ṽ + ε_t)
 * with k = √((1 − β2) / (1 − β2^t)), α_t = lr · (1 − β1) / ((1 − β1^t) · k) and ε_t = ε / k — exactly
 * w ← w − lr · m̂ / (√v̂ + ε) of Kingma & Ba and tf.train.adam (tests/unit/server/training/parallelAdam.test.ts).
 */
/** The scaled update's step size α_t and ε_t for update number t (1-based); see FlatAdam. */
export function adamScalars(
  learningRate: number,
  t: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): { stepSize: number; epsT: number } {
  const k = Math.sqrt((1 - beta2) / (1 - beta2 ** t));
  return { stepSize: (learningRate * (1 - beta1)) / ((1 - beta1 ** t) * k), epsT: epsilon / k };
}

export class FlatAdam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t: number;

  /**
   * @param lo @param hi the range of the flat weight vector this optimizer owns
   * @param epsilon tf.train.adam's default is the backend's epsilon (1e-7 for float32)
   * @param state where the moments live (views of hi − lo floats each, e.g. into shared memory so thread 0
   *   can checkpoint every thread's range) and how many updates were already taken (a resumed run)
   */
  constructor(
    readonly learningRate: number,
    readonly lo: number,
    readonly hi: number,
    private readonly native: NativeKernels | null,
    readonly epsilon = 1e-7,
    state: { m?: Float32Array; v?: Float32Array; step?: number } = {},
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
  ) {
    if (!(hi >= lo && lo >= 0)) throw new Error(`FlatAdam: bad range [${lo}, ${hi})`);
    const n = hi - lo;
    if ((state.m && state.m.length !== n) || (state.v && state.v.length !== n))
      throw new Error(`FlatAdam: moments must hold ${n} floats`);
    const step = state.step ?? 0;
    if (!Number.isInteger(step) || step < 0) throw new Error(`FlatAdam: bad step ${step}`);
    this.m = state.m ?? new Float32Array(n);
    this.v = state.v ?? new Float32Array(n);
    this.t = step;
  }

  /** Number of updates applied so far. */
  get iterations(): number {
    return this.t;
  }

  /**
   * One step on w[lo, hi), in place. The gradient is the sum of `rows` rows of g, row r starting at r · rowStride
   * (the data-parallel threads' gradients, summed in row order); one row at 0 for a single thread.
   */
  update(w: Float32Array, g: Float32Array, rows = 1, rowStride = 0): void {
    const { lo, hi } = this;
    if (w.length < hi || rows < 1 || g.length < (rows - 1) * rowStride + hi)
      throw new Error("FlatAdam: arrays too short for the range");
    this.t += 1;
    const { stepSize, epsT } = adamScalars(this.learningRate, this.t, this.beta1, this.beta2, this.epsilon);
    if (this.native) {
      this.native.adam(w, g, this.m, this.v, lo, hi, rows, rowStride, stepSize, this.beta1, this.beta2, epsT);
      return;
    }
    const { m, v, beta1, beta2 } = this;
    for (let j = 0, i = lo; i < hi; j++, i++) {
      let gi = g[i]!;
      for (let r = 1; r < rows; r++) gi += g[r * rowStride + i]!;
      const mj = beta1 * m[j]! + gi;
      const vj = beta2 * v[j]! + gi * gi;
      m[j] = mj;
      v[j] = vj;
      w[i]! -= (stepSize * mj) / (Math.sqrt(vj) + epsT);
    }
  }
}
