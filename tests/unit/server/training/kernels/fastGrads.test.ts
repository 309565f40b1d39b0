import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { buildVae, disposeVae } from "../../../../../lib/model/build";
import { buildCondition } from "../../../../../lib/model/conditions";
import { negElboGradients } from "../../../../../server/training/kernels/fastGrads";
import { negElbo, trainableVariables } from "../../../../../lib/model/vae";
import { useWasm } from "../../../lib/tfWasm";
import { resolveConfig } from "../../../../../lib/model/config";
import { caseConfig, GRADIENT_CASES, randomisePrior } from "../gradientCases";

before(useWasm);

/** Small but complete models of every preset (two hidden layers where the preset has two), cvae-label with both priors. */
const cases = [...GRADIENT_CASES, { preset: "vae-pytorch" as const, hidden: [40], prior: "standard" as const }];

/**
 * KL(q ‖ p) per image written independently of lib/: the prior's rows picked by a broadcast mask (not the one-hot
 * product; gather has no gradient kernel on wasm),
 * the divergence from standard deviations, Σ log σp − log σq + (σq² + (μq − μp)²) / (2σp²) − ½.
 */
function independentKl(
  m: ReturnType<typeof buildVae>,
  mu: tf.Tensor2D,
  logvar: tf.Tensor2D,
  labels: tf.Tensor1D,
): tf.Tensor {
  const latent = m.config.latentDim;
  const mask = tf.expandDims(tf.oneHot(labels, 10).toFloat(), 2); // [b, 10, 1]
  const rows = m.prior
    ? tf.sum(tf.mul(mask, tf.expandDims(m.prior.params, 0)), 1)
    : tf.zeros([mu.shape[0], 2 * latent]);
  const [muP, logVarP] = tf.split(rows, [latent, latent], 1) as [tf.Tensor2D, tf.Tensor2D];
  const sdQ = tf.exp(tf.mul(logvar, 0.5));
  const sdP = tf.exp(tf.mul(logVarP, 0.5));
  const ratio = tf.div(tf.add(tf.square(sdQ), tf.square(tf.sub(mu, muP))), tf.mul(tf.square(sdP), 2));
  return tf.sum(tf.sub(tf.add(tf.sub(tf.log(sdP), tf.log(sdQ)), ratio), 0.5));
}

/**
 * The same negative ELBO through the stock Layers models (tf.layers.dense: tfjs's default matMul gradients, no
 * fastDense), with BCE written on the sigmoid's probabilities.
 */
function stockLoss(
  m: ReturnType<typeof buildVae>,
  x: tf.Tensor2D,
  cond: tf.Tensor2D | null,
  labels: tf.Tensor1D,
  eps: tf.Tensor2D,
  klWeight: number,
): tf.Scalar {
  const latent = m.config.latentDim;
  const h = m.encoder.apply(cond ? tf.concat([x, cond], 1) : x) as tf.Tensor2D;
  const [mu, logvar] = tf.split(h, [latent, latent], 1) as [tf.Tensor2D, tf.Tensor2D];
  const z = tf.add<tf.Tensor2D>(mu, tf.mul(eps, tf.exp(tf.mul(logvar, 0.5))));
  const p = m.decoder.apply(cond ? tf.concat([z, cond], 1) : z) as tf.Tensor2D;
  const bce = tf.neg(tf.add(tf.mul(x, tf.log(p)), tf.mul(tf.sub(1, x), tf.log(tf.sub(1, p)))));
  const recon = tf.div(tf.sum(bce), x.shape[0]);
  const kl = tf.div(independentKl(m, mu, logvar, labels), x.shape[0]);
  return tf.add<tf.Scalar>(recon, tf.mul(kl, klWeight));
}

for (const c of cases) {
  const { preset, prior } = c;
  test(`${preset} (prior ${prior}): fast gradients match tfjs's default gradients of the stock Layers models (transposes copied or by flags)`, () => {
    const config = caseConfig(c, { seed: 11 });
    const m = buildVae(config);
    randomisePrior(m, 12);
    tf.tidy(() => {
      const b = 6;
      const x = tf.randomUniform<tf.Rank.R2>([b, 784], 0, 1, "float32", 3);
      const labels = tf.tensor1d([9, 1, 2, 3, 4, 0], "int32");
      const mask = tf.tensor2d(
        Array.from({ length: 784 }, (_, i) => (i % 5 === 0 ? 0 : 1)),
        [1, 784],
      );
      const cond = buildCondition(config.condition, x, labels, mask);
      const eps = tf.randomNormal<tf.Rank.R2>([b, 5], 0, 1, "float32", 4);
      const vars = trainableVariables(m);
      const layerWeights = m.encoder.trainableWeights.length + m.decoder.trainableWeights.length;
      assert.equal(vars.length, layerWeights + (m.prior ? 1 : 0), "the learned prior is one more trainable variable");
      const ref = tf.variableGrads(() => stockLoss(m, x, cond, labels, eps, 1.3), vars).grads;
      for (const transposeByFlags of [false, true]) {
        const fast = negElboGradients(m, x, cond, eps, 1.3, b, { transposeByFlags });
        for (const v of vars) {
          const r = ref[v.name]!;
          const scale = tf.max(tf.abs(r)).dataSync()[0]!;
          const diff = tf.max(tf.abs(tf.sub(fast.grads[v.name]!, r))).dataSync()[0]!;
          assert.ok(scale > 0, `${v.name}: reference gradient is all zeros`);
          assert.ok(
            diff <= 1e-4 * Math.max(scale, 1e-3),
            `${v.name} (byFlags ${transposeByFlags}): max |fast − default autodiff| = ${diff} (scale ${scale})`,
          );
        }
      }
    });
    disposeVae(m);
  });

  test(`${preset} (prior ${prior}): fast gradients and loss match tfjs autodiff of negElbo`, () => {
    const config = caseConfig(c, { seed: 7 });
    const m = buildVae(config);
    randomisePrior(m, 8);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const b = 9;
      const x = tf.randomUniform<tf.Rank.R2>([b, 784], 0, 1, "float32", 1);
      const labels = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8], "int32");
      const mask = tf.tensor2d(
        Array.from({ length: 784 }, (_, i) => (i % 3 === 0 ? 0 : 1)),
        [1, 784],
      );
      const cond = buildCondition(config.condition, x, labels, mask);
      const eps = tf.randomNormal<tf.Rank.R2>([b, 5], 0, 1, "float32", 2);
      const klWeight = 0.7;
      const vars = trainableVariables(m);
      let refStats: number[] = [];
      const ref = tf.variableGrads(() => {
        const r = negElbo(m, x, cond, eps, klWeight);
        refStats = [r.loss, r.recon, r.kl].map((t) => t.dataSync()[0]!);
        return r.loss;
      }, vars).grads;
      const fast = negElboGradients(m, x, cond, eps, klWeight);
      Array.from(fast.stats.dataSync()).forEach((v, i) =>
        assert.ok(
          Math.abs(v - refStats[i]!) <= 1e-4 * Math.max(1, Math.abs(refStats[i]!)),
          `stat ${i}: ${v} vs ${refStats[i]}`,
        ),
      );
      assert.deepEqual(Object.keys(fast.grads).sort(), vars.map((v) => v.name).sort());
      for (const v of vars) {
        const g = fast.grads[v.name]!;
        const r = ref[v.name]!;
        assert.deepEqual(g.shape, r.shape, v.name);
        const scale = tf.max(tf.abs(r)).dataSync()[0]!;
        const diff = tf.max(tf.abs(tf.sub(g, r))).dataSync()[0]!;
        assert.ok(scale > 0, `${v.name}: reference gradient is all zeros, the check would be vacuous`);
        assert.ok(diff <= 1e-4 * Math.max(scale, 1e-3), `${v.name}: max |fast − autodiff| = ${diff} (scale ${scale})`);
      }
    });
    assert.equal(tf.memory().numTensors, before, "no tensor leak");
    disposeVae(m);
  });
}

test("negElboGradients rejects a condition that does not fit the model", () => {
  const m = buildVae(resolveConfig("cvae-label", { encoderHidden: [8], decoderHidden: [8], latentDim: 2 }));
  tf.tidy(() => {
    const x = tf.zeros<tf.Rank.R2>([2, 784]);
    assert.throws(() => negElboGradients(m, x, null, tf.zeros<tf.Rank.R2>([2, 2]), 1), /condition/);
  });
  disposeVae(m);
});
