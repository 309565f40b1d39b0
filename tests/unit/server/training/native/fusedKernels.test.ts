import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { buildVae, disposeVae } from "../../../../../lib/model/build";
import { resolveConfig } from "../../../../../lib/model/config";
import { negElboGradients } from "../../../../../server/training/kernels/fastGrads";
import {
  BERNOULLI_LOGITS,
  BERNOULLI_ROW_LOGLIK,
  DENSE_BACKWARD_T,
  DENSE_FORWARD_T,
  GAUSSIAN_LATENT,
  GAUSSIAN_LATENT_GRAD,
  GAUSSIAN_LATENT_PRIOR,
  GAUSSIAN_LATENT_PRIOR_GRAD,
  bernoulliLogits,
  bernoulliRowLogLik,
  denseBackwardT,
  denseForwardT,
  gaussianLatent,
  gaussianLatentGrad,
  gaussianLatentPrior,
  gaussianLatentPriorGrad,
  productByFlags,
} from "../../../../../server/training/kernels/fusedKernels";
import { negElbo, trainableVariables } from "../../../../../lib/model/vae";
import { loadNativeKernels, nativeKernelsError } from "../../../../../server/training/native/addon";
import { installNativeFusedKernels } from "../../../../../server/training/native/fusedKernels";
import { installNativeMatMul } from "../../../../../server/training/native/matMulKernel";
import { useWasm } from "../../../lib/tfWasm";

before(useWasm);

const native = loadNativeKernels();
const skip = !native && !process.env.CI ? `native kernels not built: ${nativeKernelsError()}` : false;

const FUSED = [
  BERNOULLI_LOGITS,
  DENSE_FORWARD_T,
  DENSE_BACKWARD_T,
  GAUSSIAN_LATENT,
  GAUSSIAN_LATENT_GRAD,
  GAUSSIAN_LATENT_PRIOR,
  GAUSSIAN_LATENT_PRIOR_GRAD,
  BERNOULLI_ROW_LOGLIK,
];

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  assert.deepEqual(a.shape, b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/** Runs `compute` with the stock-op compositions, installs the native kernels, runs it again: both results. */
function beforeAndAfter(compute: () => tf.Tensor[]): { stock: tf.Tensor[]; fused: tf.Tensor[] } {
  const stock = compute();
  assert.ok(native, `CI must build the native kernels: ${nativeKernelsError()}`);
  assert.equal(installNativeFusedKernels(native), true);
  for (const name of FUSED)
    assert.ok(tf.getKernel(name, "wasm"), `${name} is registered, so the second run is the native one`);
  return { stock, fused: compute() };
}

test(
  "every fused kernel equals its stock-op composition (extreme logits, ReLU zeros, partial input gradients)",
  { skip },
  () => {
    const special = [0, 1e-8, -1e-8, 5, -5, 17, -17, 30, -30, 88, -88, 200, -200];
    const n = 20_000;
    const logits = tf.concat([tf.tensor1d(special), tf.randomNormal([n - special.length], 0, 6, "float32", 1)]);
    const x = tf.randomUniform([n], 0, 1, "float32", 2);
    const w = tf.randomNormal<tf.Rank.R2>([37, 23], 0, 0.3, "float32", 3);
    const hT = tf.relu<tf.Tensor2D>(tf.randomNormal([37, 11], 0, 1, "float32", 4)); // a ReLU output: many exact zeros
    const bias = tf.randomNormal<tf.Rank.R1>([23], 0, 1, "float32", 5);
    const dzT = tf.randomNormal<tf.Rank.R2>([23, 11], 0, 1, "float32", 6);
    const encT = tf.randomNormal<tf.Rank.R2>([2 * 6, 11], 0, 2, "float32", 7);
    const epsT = tf.randomNormal<tf.Rank.R2>([6, 11], 0, 1, "float32", 8);
    const dLatT = tf.randomNormal<tf.Rank.R2>([6, 11], 0, 1, "float32", 9);
    const priorT = tf.randomNormal<tf.Rank.R2>([2 * 6, 11], 0, 1.5, "float32", 10);
    // 3 images × 4 samples each, with the extreme logits among them.
    const rowLogits = tf.reshape<tf.Rank.R2>(
      tf.concat([tf.tensor1d(special), tf.randomNormal([12 * 784 - special.length], 0, 6, "float32", 11)]),
      [12, 784],
    );
    const rowX = tf.randomUniform<tf.Rank.R2>([3, 784], 0, 1, "float32", 12);

    const { stock, fused } = beforeAndAfter(() => {
      const bern = bernoulliLogits(logits, x, 0.01);
      const full = denseBackwardT(w, hT, dzT, 37, true, productByFlags);
      const part = denseBackwardT(w, hT, dzT, 5, false, productByFlags);
      const none = denseBackwardT(w, hT, dzT, 0, false, productByFlags);
      assert.equal(none.dInT, null);
      const lat = gaussianLatent(encT, epsT);
      const latPrior = gaussianLatentPrior(encT, epsT, priorT);
      const latPriorGrad = gaussianLatentPriorGrad(dLatT, encT, epsT, priorT, 0.3);
      return [
        bern.sum,
        bern.grad,
        denseForwardT(w, hT, bias, true, productByFlags),
        denseForwardT(w, hT, bias, false, productByFlags),
        full.dW,
        full.db,
        full.dInT!,
        part.dInT!,
        none.dW,
        lat.zT,
        lat.klSum,
        gaussianLatentGrad(dLatT, encT, epsT, 0.3),
        latPrior.zT,
        latPrior.klSum,
        latPriorGrad.dEncT,
        latPriorGrad.dPriorT,
        bernoulliRowLogLik(rowLogits, rowX, 4),
      ];
    });
    const names = [
      "Σ bce",
      "bce grad",
      "dense+relu",
      "dense",
      "dW",
      "db",
      "dIn (ReLU mask)",
      "dIn (5 rows)",
      "dW (no dIn)",
      "z",
      "Σ KL",
      "dEnc",
      "z (prior)",
      "Σ KL (prior)",
      "dEnc (prior)",
      "dPrior",
      "row log-lik",
    ];
    names.forEach((name, i) => {
      const scale = tf.tidy(() => tf.max(tf.abs(stock[i]!)).dataSync()[0]!);
      const diff = maxAbsDiff(fused[i]!, stock[i]!);
      assert.ok(diff <= 2e-5 * Math.max(1, scale), `${name}: max |native − stock| = ${diff} (scale ${scale})`);
    });
    assert.ok(
      tf.tidy(() => tf.sum(tf.equal(fused[6]!, 0)).dataSync()[0]!) > 0,
      "the ReLU mask zeroed some input gradients",
    );
    tf.dispose([...stock, ...fused]);
  },
);

test("fused kernels reject tensors that do not fit, with the kernel's name", { skip }, () => {
  assert.ok(native);
  installNativeFusedKernels(native);
  const mm = productByFlags;
  assert.throws(() => bernoulliLogits(tf.zeros([3]), tf.zeros([4]), 1), /VaeBernoulliLogits: .*one shape/);
  assert.throws(
    () =>
      denseForwardT(tf.zeros<tf.Rank.R2>([4, 3]), tf.zeros<tf.Rank.R2>([5, 2]), tf.zeros<tf.Rank.R1>([3]), true, mm),
    /VaeDenseForwardT: .*do not fit/,
  );
  assert.throws(
    () =>
      denseBackwardT(
        tf.zeros<tf.Rank.R2>([4, 3]),
        tf.zeros<tf.Rank.R2>([4, 2]),
        tf.zeros<tf.Rank.R2>([3, 2]),
        9,
        false,
        mm,
      ),
    /VaeDenseBackwardT: inRows 9/,
  );
  assert.throws(
    () => gaussianLatent(tf.zeros<tf.Rank.R2>([5, 2]), tf.zeros<tf.Rank.R2>([2, 2])),
    /VaeGaussianLatent: /,
  );
  assert.throws(
    () => gaussianLatentPrior(tf.zeros<tf.Rank.R2>([4, 2]), tf.zeros<tf.Rank.R2>([2, 2]), tf.zeros<tf.Rank.R2>([4, 3])),
    /VaeGaussianLatentPrior: /,
  );
  assert.throws(
    () =>
      gaussianLatentPriorGrad(
        tf.zeros<tf.Rank.R2>([2, 2]),
        tf.zeros<tf.Rank.R2>([4, 2]),
        tf.zeros<tf.Rank.R2>([2, 2]),
        tf.zeros<tf.Rank.R2>([2, 2]),
        1,
      ),
    /VaeGaussianLatentPriorGrad: /,
  );
  assert.throws(
    () => bernoulliRowLogLik(tf.zeros<tf.Rank.R2>([6, 5]), tf.zeros<tf.Rank.R2>([2, 5]), 4),
    /do not fit 4 repeats/,
  );
});

test("with every native kernel installed, fast gradients still match tfjs autodiff of negElbo", { skip }, () => {
  assert.ok(native);
  installNativeMatMul(native);
  installNativeFusedKernels(native);
  for (const [preset, prior] of [
    ["vae-seed", "standard"],
    ["cvae-label", "standard"],
    ["cvae-label", "label-gaussian"],
    ["cvae-inpaint", "standard"],
  ] as const) {
    const config = resolveConfig(preset, {
      encoderHidden: [32, 16],
      decoderHidden: [16, 32],
      latentDim: 4,
      seed: 5,
      prior,
    });
    const m = buildVae(config);
    m.prior?.params.assign(tf.randomNormal(m.prior.params.shape, 0, 0.7, "float32", 6)); // away from N(0, I)
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const b = 7;
      const x = tf.randomUniform<tf.Rank.R2>([b, 784], 0, 1, "float32", 3);
      const cond =
        preset === "cvae-inpaint"
          ? (tf.concat([tf.mul(x, 0.5), tf.onesLike(x)], 1) as tf.Tensor2D)
          : preset === "cvae-label"
            ? (tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6], "int32"), 10).toFloat() as tf.Tensor2D)
            : null;
      const eps = tf.randomNormal<tf.Rank.R2>([b, 4], 0, 1, "float32", 4);
      const vars = trainableVariables(m);
      let refStats: number[] = [];
      const ref = tf.variableGrads(() => {
        const r = negElbo(m, x, cond, eps, 1.5);
        refStats = [r.loss, r.recon, r.kl].map((t) => t.dataSync()[0]!);
        return r.loss;
      }, vars).grads;
      const fast = negElboGradients(m, x, cond, eps, 1.5, b, { transposeByFlags: true });
      Array.from(fast.stats.dataSync()).forEach((v, i) =>
        assert.ok(
          Math.abs(v - refStats[i]!) <= 1e-4 * Math.max(1, Math.abs(refStats[i]!)),
          `${preset}/${prior} stat ${i}: ${v} vs ${refStats[i]}`,
        ),
      );
      for (const v of vars) {
        const r = ref[v.name]!;
        const scale = tf.max(tf.abs(r)).dataSync()[0]!;
        const diff = maxAbsDiff(fast.grads[v.name]!, r);
        assert.ok(scale > 0, `${preset}/${prior} ${v.name}: reference gradient is all zeros`);
        assert.ok(
          diff <= 1e-4 * Math.max(scale, 1e-3),
          `${preset}/${prior} ${v.name}: max |fast − autodiff| = ${diff} (scale ${scale})`,
        );
      }
    });
    assert.equal(tf.memory().numTensors, before, `${preset}/${prior}: no tensor leak through the fused kernels`);
    disposeVae(m);
  }
});
