import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { buildVae, disposeVae } from "../../../../../lib/model/build";
import { resolveConfig } from "../../../../../lib/model/config";
import { negElboGradients } from "../../../../../lib/model/fastGrads";
import { bernoulliLogits } from "../../../../../lib/model/fusedKernels";
import { negElbo, trainableVariables } from "../../../../../lib/model/vae";
import { loadNativeKernels, nativeKernelsError } from "../../../../../server/training/native/addon";
import { installNativeBernoulli } from "../../../../../server/training/native/bernoulliKernel";
import { installNativeMatMul } from "../../../../../server/training/native/matMulKernel";
import { useWasm } from "../../../lib/tfWasm";

before(useWasm);

const native = loadNativeKernels();
const skip = !native && !process.env.CI ? `native kernels not built: ${nativeKernelsError()}` : false;

test("native Bernoulli-logits kernel equals the stock-op composition, extreme logits included", { skip }, () => {
  assert.ok(native, `CI must build the native kernels: ${nativeKernelsError()}`);
  const n = 20_000;
  const special = [0, 1e-8, -1e-8, 5, -5, 17, -17, 30, -30, 88, -88, 200, -200];
  const logits = tf.concat([tf.tensor1d(special), tf.randomNormal([n - special.length], 0, 6, "float32", 1)]);
  const x = tf.randomUniform([n], 0, 1, "float32", 2);
  const ref = bernoulliLogits(logits, x, 0.01); // no fused kernel registered yet: stock ops
  const refSum = ref.sum.dataSync()[0]!;
  const refGrad = ref.grad.dataSync().slice();
  assert.equal(installNativeBernoulli(native), true);
  const got = bernoulliLogits(logits, x, 0.01);
  const sum = got.sum.dataSync()[0]!;
  const grad = got.grad.dataSync();
  assert.deepEqual(got.grad.shape, [n]);
  assert.deepEqual(got.sum.shape, []);
  assert.ok(Math.abs(sum - refSum) <= 2e-5 * Math.abs(refSum), `sum ${sum} vs ${refSum}`);
  let maxDiff = 0;
  for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(grad[i]! - refGrad[i]!));
  assert.ok(maxDiff <= 1e-8, `max |Δ gradient| ${maxDiff} (gradients are at most 0.01)`);
  assert.ok(Number.isFinite(sum));
  assert.throws(() => bernoulliLogits(tf.zeros([3]), tf.zeros([4]), 1), /one shape/);
});

test("with every native kernel installed, fast gradients still match tfjs autodiff of negElbo", { skip }, () => {
  assert.ok(native);
  installNativeMatMul(native);
  installNativeBernoulli(native);
  for (const preset of ["vae-seed", "cvae-inpaint"] as const) {
    const config = resolveConfig(preset, { encoderHidden: [32, 16], decoderHidden: [16, 32], latentDim: 4, seed: 5 });
    const m = buildVae(config);
    tf.tidy(() => {
      const b = 7;
      const x = tf.randomUniform([b, 784], 0, 1, "float32", 3) as tf.Tensor2D;
      const cond = preset === "cvae-inpaint" ? (tf.concat([tf.mul(x, 0.5), tf.onesLike(x)], 1) as tf.Tensor2D) : null;
      const eps = tf.randomNormal([b, 4], 0, 1, "float32", 4) as tf.Tensor2D;
      const vars = trainableVariables(m);
      const ref = tf.variableGrads(() => negElbo(m, x, cond, eps, 1.5).loss, vars).grads;
      const fast = negElboGradients(m, x, cond, eps, 1.5, b, { transposeByFlags: true });
      for (const v of vars) {
        const r = ref[v.name]!;
        const scale = tf.max(tf.abs(r)).dataSync()[0]!;
        const diff = tf.max(tf.abs(tf.sub(fast.grads[v.name]!, r))).dataSync()[0]!;
        assert.ok(scale > 0, `${preset} ${v.name}: reference gradient is all zeros`);
        assert.ok(diff <= 1e-4 * Math.max(scale, 1e-3), `${preset} ${v.name}: max |fast − autodiff| = ${diff} (scale ${scale})`);
      }
    });
    disposeVae(m);
  }
});
