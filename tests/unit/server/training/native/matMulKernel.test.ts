import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { nativeKernelsError, loadNativeKernels } from "../../../../../server/training/native/addon";
import { installNativeMatMul, nativeMatMulInstalled } from "../../../../../server/training/native/matMulKernel";
import { useWasm } from "../../../lib/tfWasm";

before(useWasm);

// CI installs OpenBLAS's headers, so there the addon must exist; elsewhere its absence is a supported setup.
const addon = loadNativeKernels();
const skip = !addon && !process.env.CI ? `native GEMM addon not built: ${nativeKernelsError()}` : false;

/** [a shape, b shape, transposeA, transposeB] covering 2-D, both transposes, batched and broadcast batches. */
const CASES: [number[], number[], boolean, boolean][] = [
  [[128, 784], [784, 256], false, false],
  [[784, 128], [784, 256], true, false],
  [[128, 784], [256, 784], false, true],
  [[784, 128], [256, 784], true, true],
  [[1, 7], [7, 1], false, false],
  [[3, 5, 6], [3, 6, 4], false, false],
  [[3, 6, 5], [1, 4, 6], true, true],
  [[2, 2, 5, 6], [6, 3], false, false],
];

test("native BatchMatMul equals the wasm kernel on every shape, transpose and batch broadcast", { skip }, () => {
  assert.ok(addon, `CI must build the addon: ${nativeKernelsError()}`);
  const inputs = CASES.map(
    ([sa, sb], i) => [tf.randomNormal(sa, 0, 1, "float32", i), tf.randomNormal(sb, 0, 1, "float32", 100 + i)] as const,
  );
  const expected = CASES.map(([, , ta, tb], i) => tf.matMul(inputs[i]![0], inputs[i]![1], ta, tb));
  assert.equal(installNativeMatMul(addon), true);
  assert.equal(nativeMatMulInstalled(), true);
  CASES.forEach(([sa, sb, ta, tb], i) => {
    const got = tf.matMul(inputs[i]![0], inputs[i]![1], ta, tb);
    const want = expected[i]!;
    assert.deepEqual(got.shape, want.shape, `shape of case ${i}`);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]!);
    const scale = tf.tidy(() => tf.max(tf.abs(want)).dataSync()[0]!);
    assert.ok(
      diff <= 1e-5 * Math.max(1, scale),
      `case ${i} ${sa}·${sb} tA=${ta} tB=${tb}: max |Δ| ${diff} (scale ${scale})`,
    );
    got.dispose();
  });
  // Cases the native path hands back to the original kernel: empty products and int32 operands.
  const empty = tf.matMul(tf.zeros([0, 3]), tf.zeros([3, 2]));
  assert.deepEqual(empty.shape, [0, 2]);
  assert.throws(() => tf.matMul(tf.ones([2, 3], "int32"), tf.ones([3, 2], "int32")), /float32|not yet supported/);
  // Gradients flow through tf.matMul's registered gradient unchanged.
  const a = tf.randomNormal([4, 3], 0, 1, "float32", 7);
  const b = tf.randomNormal([3, 2], 0, 1, "float32", 8);
  const [ga] = tf.grads((x: tf.Tensor) => tf.sum(tf.matMul(x, b)))([a]);
  const want = tf.tidy(() => tf.tile(tf.reshape(tf.sum(b, 1), [1, 3]), [4, 1]));
  assert.ok(tf.tidy(() => tf.max(tf.abs(tf.sub(ga!, want))).dataSync()[0]!) < 1e-5);
});

test(
  "native _FusedMatMul (Layers' Dense) equals the wasm kernel: bias, ReLU, linear; other activations fall back",
  { skip },
  () => {
    assert.ok(addon, `CI must build the addon: ${nativeKernelsError()}`);
    installNativeMatMul(addon);
    const a = tf.randomNormal([9, 13], 0, 1, "float32", 1);
    const b = tf.randomNormal([13, 7], 0, 1, "float32", 2);
    const bias = tf.randomNormal([7], 0, 1, "float32", 3);
    const reference = (activation: "linear" | "relu" | "elu", withBias: boolean): tf.Tensor =>
      tf.tidy(() => {
        // The composition the fused kernel stands for, from unfused ops (BatchMatMul is native too, already checked above).
        let y = tf.matMul(a, b);
        if (withBias) y = tf.add(y, bias);
        return activation === "relu" ? tf.relu(y) : activation === "elu" ? tf.elu(y) : y;
      });
    for (const activation of ["linear", "relu", "elu"] as const) {
      for (const withBias of [true, false]) {
        const got = tf.fused.matMul({ a, b, bias: withBias ? bias : undefined, activation });
        const want = reference(activation, withBias);
        const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]!);
        assert.ok(diff < 1e-5, `${activation}, bias ${withBias}: max |Δ| ${diff}`);
        tf.dispose([got, want]);
      }
    }
    // A stock Layers model predicts the same before and after: its Dense layers run through _FusedMatMul.
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 5, activation: "relu", inputShape: [13] }), tf.layers.dense({ units: 3 })],
    });
    const out = model.predict(a) as tf.Tensor;
    const manual = tf.tidy(() => {
      const [k1, b1, k2, b2] = model.getWeights();
      return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(a, k1!), b1!)), k2!), b2!);
    });
    assert.ok(tf.tidy(() => tf.max(tf.abs(tf.sub(out, manual))).dataSync()[0]!) < 1e-5);
    tf.dispose([a, b, bias, out, manual]);
    model.dispose();
  },
);

test("the addon refuses operands outside the memory instead of reading them", { skip }, () => {
  assert.ok(addon);
  const memory = new ArrayBuffer(64);
  assert.throws(() => addon.sgemm(memory, 0, 0, 0, 1, 5, 5, 5, 0, 0, 25, 25), /outside the memory/);
  assert.throws(() => addon.sgemm(memory, 0, 0, 40, 2, 2, 2, 2, 0, 0, 4, 4), /outside the memory/); // C: 40 + 2·2·2·4 bytes > 64
  assert.throws(() => addon.sgemm(memory, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0), /positive/);
  assert.throws(() => (addon.sgemm as unknown as (...a: unknown[]) => void)(memory, 0), /12 arguments/);
  const ok = new Float32Array(12);
  ok.set([1, 2, 3, 4], 0); // A 2x2
  ok.set([5, 6, 7, 8], 4); // B 2x2
  addon.sgemm(ok.buffer, 0, 16, 32, 1, 2, 2, 2, 0, 0, 4, 4);
  assert.deepEqual([...ok.subarray(8)], [19, 22, 43, 50]);
  assert.throws(() => addon.biasReluColumns(memory, 0, 60, 2, 2, 1), /outside the memory/);
});
