import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { loadNativeKernels, nativeKernelsError } from "../../../../../server/training/native/addon";
import { FlatAdam } from "../../../../../server/training/parallel/flatAdam";
import { useWasm } from "../../../lib/tfWasm";

before(useWasm);

const native = loadNativeKernels();
const IMPLEMENTATIONS = [
  { name: "JS loop", kernels: null, skip: false as string | false },
  {
    name: "native kernel",
    kernels: native,
    skip: !native && !process.env.CI ? `native kernels not built: ${nativeKernelsError()}` : false,
  },
];

for (const impl of IMPLEMENTATIONS) {
  test(`FlatAdam (${impl.name}) follows tf.train.adam step for step (float tolerance)`, { skip: impl.skip }, () => {
    if (impl.name === "native kernel")
      assert.ok(impl.kernels, `CI must build the native kernels: ${nativeKernelsError()}`);
    const n = 500;
    const init = tf.randomNormal<tf.Rank.R1>([n], 0, 1, "float32", 1);
    const reference = tf.variable(init.clone());
    const tfAdam = tf.train.adam(0.01);
    // Owns [100, 400) of the vector; the rest must not change.
    const flat = new FlatAdam(0.01, 100, 400, impl.kernels, tf.backend().epsilon());
    const w = Float32Array.from(init.dataSync());
    for (let step = 0; step < 8; step++) {
      // Gradients of very different scales, including exact zeros (sparse inputs give those).
      const g = tf.tidy<tf.Tensor1D>(() =>
        tf
          .mul(
            tf.randomNormal([n], 0, 1, "float32", 10 + step),
            tf.pow(10, tf.randomUniform([n], -4, 1, "float32", 20 + step)),
          )
          .mul(tf.step(tf.randomNormal([n], 0, 1, "float32", 30))),
      );
      tfAdam.applyGradients({ [reference.name]: g } as tf.NamedTensorMap as Parameters<
        typeof tfAdam.applyGradients
      >[0]);
      // Two rows that add up to g: how two data-parallel threads publish their halves.
      const gv = g.dataSync();
      const rows = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        rows[i] = gv[i]! * 0.25;
        rows[n + i] = gv[i]! - rows[i]!;
      }
      flat.update(w, rows, 2, n);
      g.dispose();
    }
    const want = reference.dataSync();
    const start = init.dataSync();
    let diff = 0;
    let moved = 0;
    for (let i = 100; i < 400; i++) {
      diff = Math.max(diff, Math.abs(w[i]! - want[i]!));
      moved = Math.max(moved, Math.abs(w[i]! - start[i]!));
    }
    for (const i of [0, 99, 400, 499])
      assert.equal(w[i], start[i], `weight ${i} is outside the range and must not change`);
    assert.ok(moved > 0.05, `the weights moved (${moved}), so the comparison is not vacuous`);
    assert.ok(diff < 1e-5, `max |FlatAdam − tf.train.adam| = ${diff}`);
    assert.equal(flat.iterations, 8);
    tfAdam.dispose();
    tf.dispose([init, reference]);
  });
}

test("FlatAdam refuses arrays that do not cover its range", () => {
  const flat = new FlatAdam(0.01, 0, 10, null);
  assert.throws(() => flat.update(new Float32Array(5), new Float32Array(10)), /too short/);
  assert.throws(() => flat.update(new Float32Array(10), new Float32Array(15), 2, 10), /too short/);
  assert.throws(() => new FlatAdam(0.01, 5, 2, null), /bad range/);
});
