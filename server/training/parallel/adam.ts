import * as tf from "@tensorflow/tfjs";

/**
 * Adam on ONE flat parameter vector (a thread's slice of all weights), with few kernels. Same update as
 * tf.train.adam up to float rounding (tests/unit/server/training/parallelAdam.test.ts compares them).
 *
 * Why not tf.train.adam: it runs 14 element-wise kernels per variable and uploads every JS constant as a new
 * scalar tensor each step; for vae-seed's 12 variables that was 168 kernel launches and ~27 ms per step on wasm,
 * more than the gradient itself. Here: one vector, 10 kernels. Storing the moments scaled, m̃ = m / (1 − β1)
 * and ṽ = v / (1 − β2), removes the (1 − β) multiplies:
 *   m̃ ← β1·m̃ + g,   ṽ ← β2·ṽ + g²,   w ← w − α_t · m̃ / (√ṽ + ε_t)
 * with k = √((1 − β2) / (1 − β2^t)), α_t = lr · (1 − β1) / ((1 − β1^t) · k) and ε_t = ε / k — exactly
 * w ← w − lr · m̂ / (√v̂ + ε) of Kingma & Ba (and tfjs).
 */
export class FastAdam {
  private m: tf.Tensor1D | null = null;
  private v: tf.Tensor1D | null = null;
  private t = 0;

  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    /** tf.train.adam's default: the backend's epsilon (1e-7 for float32). */
    readonly epsilon = tf.backend().epsilon(),
  ) {}

  /** Number of updates applied so far. */
  get iterations(): number {
    return this.t;
  }

  /** One Adam step: returns the new weights [n] (caller owns); w and g [n] are not disposed. */
  update(w: tf.Tensor1D, g: tf.Tensor1D): tf.Tensor1D {
    if (w.size !== g.size || (this.m && this.m.size !== w.size)) throw new Error("FastAdam: size mismatch");
    this.t += 1;
    const k = Math.sqrt((1 - this.beta2) / (1 - this.beta2 ** this.t));
    const stepSize = (this.learningRate * (1 - this.beta1)) / ((1 - this.beta1 ** this.t) * k);
    const epsT = this.epsilon / k;
    const [m, v, next] = tf.tidy(() => {
      const m1 = this.m ? tf.add(tf.mul(this.m, this.beta1), g) : tf.clone(g);
      const v1 = this.v ? tf.add(tf.mul(this.v, this.beta2), tf.square(g)) : tf.square(g);
      const w1 = tf.sub(w, tf.mul(tf.div(m1, tf.add(tf.sqrt(v1), epsT)), stepSize));
      // keep: the moments outlive any tidy the caller may run this in.
      return [tf.keep(m1), tf.keep(v1), w1] as tf.Tensor1D[];
    });
    this.m?.dispose();
    this.v?.dispose();
    this.m = m!;
    this.v = v!;
    return next!;
  }

  dispose(): void {
    this.m?.dispose();
    this.v?.dispose();
    this.m = null;
    this.v = null;
  }
}
