import * as tf from "@tensorflow/tfjs";

/**
 * Adam with fewer kernels than tf.train.adam (same update up to float rounding; tests check it against it).
 *
 * tfjs's Adam runs 14 element-wise kernels per variable and turns every JS constant into a new scalar tensor
 * each step; on wasm that was ~27 ms per step for vae-seed's 550k weights, more than its gradient. Storing the
 * moments scaled, m̃ = m / (1 − β1) and ṽ = v / (1 − β2), removes the (1 − β) multiplies:
 *   m̃ ← β1·m̃ + g,   ṽ ← β2·ṽ + g²,   w ← w − α_t · m̃ / (√ṽ + ε_t)
 * with k = √((1 − β2) / (1 − β2^t)), α_t = lr · (1 − β1) / ((1 − β1^t) · k) and ε_t = ε / k, which is exactly
 * w ← w − lr · m̂ / (√v̂ + ε) of Kingma & Ba (and tfjs). 10 kernels per variable, 2 scalar uploads per step.
 */
export class FastAdam {
  private readonly m = new Map<string, tf.Tensor>();
  private readonly v = new Map<string, tf.Tensor>();
  private readonly beta1T: tf.Scalar;
  private readonly beta2T: tf.Scalar;
  private t = 0;

  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    /** tf.train.adam's default: the backend's epsilon (1e-7 for float32). */
    readonly epsilon = tf.backend().epsilon(),
  ) {
    this.beta1T = tf.keep(tf.scalar(beta1));
    this.beta2T = tf.keep(tf.scalar(beta2));
  }

  /** Number of updates applied so far. */
  get iterations(): number {
    return this.t;
  }

  /** Updates each variable by its gradient (same shapes); gradients are not disposed. */
  applyGradients(vars: readonly tf.Variable[], grads: tf.NamedTensorMap): void {
    this.t += 1;
    const k = Math.sqrt((1 - this.beta2) / (1 - this.beta2 ** this.t));
    const stepSize = (this.learningRate * (1 - this.beta1)) / ((1 - this.beta1 ** this.t) * k);
    tf.tidy(() => {
      const negStep = tf.scalar(-stepSize);
      const epsT = tf.scalar(this.epsilon / k);
      for (const w of vars) {
        const g = grads[w.name];
        if (!g) throw new Error(`FastAdam: no gradient for ${w.name}`);
        const m0 = this.m.get(w.name);
        const v0 = this.v.get(w.name);
        const m1 = tf.keep(m0 ? tf.add(tf.mul(m0, this.beta1T), g) : tf.clone(g));
        const v1 = tf.keep(v0 ? tf.add(tf.mul(v0, this.beta2T), tf.square(g)) : tf.square(g));
        m0?.dispose();
        v0?.dispose();
        this.m.set(w.name, m1);
        this.v.set(w.name, v1);
        w.assign(tf.add(w, tf.mul(tf.div(m1, tf.add(tf.sqrt(v1), epsT)), negStep)));
      }
    });
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
    this.m.clear();
    this.v.clear();
    this.beta1T.dispose();
    this.beta2T.dispose();
  }
}
