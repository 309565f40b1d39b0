/** What the native kernels addon (native/kernels/src/kernels.c, step_napi.c) offers; loaded by addon.ts. */
export interface NativeKernels {
  /** C[batch, m, n] = op(A)·op(B) on float32 operands inside `memory` (byte offsets; strides in floats, 0 = broadcast). */
  sgemm(
    memory: ArrayBuffer,
    aOffset: number,
    bOffset: number,
    cOffset: number,
    batch: number,
    m: number,
    n: number,
    k: number,
    transposeA: number,
    transposeB: number,
    aStride: number,
    bStride: number,
  ): void;
  /**
   * One Adam step in place on w[lo, hi) with the gradient summed over `rows` rows of g (row r at r·rowStride) and
   * scaled moments m, v of length hi − lo: m ← β1·m + g, v ← β2·v + g², w ← w − stepSize · m / (√v + eps).
   */
  adam(
    w: Float32Array,
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    lo: number,
    hi: number,
    rows: number,
    rowStride: number,
    stepSize: number,
    beta1: number,
    beta2: number,
    eps: number,
  ): void;
  /**
   * Σ softplus(l) − x·l over `count` floats at the byte offsets (the Bernoulli NLL of pixels x given logits l),
   * returned; writes (sigmoid(l) − x) · scale at gradOffset.
   */
  bernoulliLogits(
    memory: ArrayBuffer,
    logitsOffset: number,
    xOffset: number,
    gradOffset: number,
    count: number,
    scale: number,
  ): number;
  /** out [outF, b] = Wᵀ·h + bias per row (+ ReLU); W [inF, outF], h [inF, b]; byte offsets into `memory`. */
  denseForward(
    memory: ArrayBuffer,
    w: number,
    h: number,
    bias: number,
    out: number,
    inF: number,
    outF: number,
    b: number,
    relu: number,
  ): void;
  /** dW = h·dzᵀ, db = Σ_columns dz, dIn = W[:inRows]·dz (× (h > 0) when reluMask) when inRows > 0. */
  denseBackward(
    memory: ArrayBuffer,
    w: number,
    h: number,
    dz: number,
    dW: number,
    db: number,
    dIn: number,
    inF: number,
    outF: number,
    b: number,
    inRows: number,
    reluMask: number,
  ): void;
  /** z = mu + eps·e^(logvar/2) from enc = [mu; logvar] [2L, b]; returns Σ KL. */
  gaussianLatent(memory: ArrayBuffer, enc: number, eps: number, z: number, L: number, b: number): number;
  /** dEnc = [dz + klScale·mu; ½·dz·eps·std + ½·klScale·(e^logvar − 1)]. */
  gaussianLatentGrad(
    memory: ArrayBuffer,
    dz: number,
    enc: number,
    eps: number,
    dEnc: number,
    L: number,
    b: number,
    klScale: number,
  ): void;
  /** gaussianLatent against per-column prior moments prior = [m; s] [2L, b]; returns Σ KL(q ‖ N(m, e^s)). */
  gaussianLatentPrior(
    memory: ArrayBuffer,
    enc: number,
    eps: number,
    prior: number,
    z: number,
    L: number,
    b: number,
  ): number;
  /** Gradients of gaussianLatentPrior: dEnc and dPrior, both [2L, b] (server/training/kernels/fusedKernels.ts gaussianLatentPriorGrad). */
  gaussianLatentPriorGrad(
    memory: ArrayBuffer,
    dz: number,
    enc: number,
    eps: number,
    prior: number,
    dEnc: number,
    dPrior: number,
    L: number,
    b: number,
    klScale: number,
  ): void;
  /** out[r] = Σ x·l − softplus(l) over row r of l [rows, cols], x row = r / repeats: per-sample Bernoulli log-likelihood. */
  bernoulliRowLogLik(
    memory: ArrayBuffer,
    logits: number,
    x: number,
    out: number,
    rows: number,
    cols: number,
    repeats: number,
  ): void;
  /** c [rows, cols] += bias [cols] per column (bias offset −1 = none), then ReLU when relu ≠ 0. */
  biasReluColumns(memory: ArrayBuffer, c: number, bias: number, rows: number, cols: number, relu: number): void;
  /**
   * The whole training step in C (native/kernels/src/step.c) over a persistent team of `plan[0]` threads; see
   * nativeStepper.ts for the plan's layout. The arrays stay referenced by the handle until trainerFree.
   */
  trainerCreate(
    plan: Float64Array,
    params: Float32Array,
    moments: Float32Array,
    images: Uint8Array,
    labels: Uint8Array,
  ): TrainerHandle;
  /**
   * One Adam step on images perm[start, start + size); stats ← [Σ recon, Σ KL] over the batch. epsSeed: the seed of
   * random.ts gaussianFill's stream, whose noise the step's threads draw themselves.
   */
  trainerStep(
    handle: TrainerHandle,
    perm: Int32Array,
    start: number,
    size: number,
    epsSeed: number,
    masks: Float32Array | null,
    klWeight: number,
    stepSize: number,
    beta1: number,
    beta2: number,
    adamEps: number,
    stats: Float64Array,
  ): void;
  /** The batch's gradient of the mean loss into out [P], no update. */
  trainerGradients(
    handle: TrainerHandle,
    perm: Int32Array,
    start: number,
    size: number,
    epsSeed: number,
    masks: Float32Array | null,
    klWeight: number,
    out: Float32Array,
    stats: Float64Array,
  ): void;
  /** Σ recon and Σ KL (β = 1) of images [start, start + size) of another set (test images) under the current weights. */
  trainerEvaluate(
    handle: TrainerHandle,
    images: Uint8Array,
    labels: Uint8Array,
    start: number,
    size: number,
    eps: Float32Array,
    masks: Float32Array | null,
    stats: Float64Array,
  ): void;
  /** Joins the trainer's threads and frees its memory (the handle is dead afterwards). */
  trainerFree(handle: TrainerHandle): void;
  /** Size of OpenBLAS's thread pool for this process. */
  setThreads(n: number): void;
  /** OpenBLAS's build string, e.g. "OpenBLAS 0.3.21 … SkylakeX MAX_THREADS=64". */
  describe(): string;
  /** out ← elements [from, from + out.length) of the noise the native step draws from a seed (= random.ts gaussianFill). */
  gaussianFill(seed: number, out: Float32Array, from: number): void;
}

/** An opaque native trainer (an N-API external). */
export type TrainerHandle = { readonly __trainer: unique symbol };
