import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { loadNativeKernels, nativeKernelsError } from "../../../../server/training/native/addon";
import { FlatAdam } from "../../../../server/training/parallel/flatAdam";
import { fillImages, fillLabels, shardRange } from "../../../../server/training/parallel/batch";
import { resolveTrainThreads } from "../../../../server/training/parallel/stepper";
import { useWasm } from "../../lib/tfWasm";

before(useWasm);

const native = loadNativeKernels();
const IMPLEMENTATIONS = [
  { name: "JS loop", kernels: null, skip: false as string | false },
  { name: "native kernel", kernels: native, skip: !native && !process.env.CI ? `native kernels not built: ${nativeKernelsError()}` : false },
];

for (const impl of IMPLEMENTATIONS) {
  test(`FlatAdam (${impl.name}) follows tf.train.adam step for step (float tolerance)`, { skip: impl.skip }, () => {
    if (impl.name === "native kernel") assert.ok(impl.kernels, `CI must build the native kernels: ${nativeKernelsError()}`);
    const n = 500;
    const init = tf.randomNormal([n], 0, 1, "float32", 1) as tf.Tensor1D;
    const reference = tf.variable(init.clone());
    const tfAdam = tf.train.adam(0.01);
    // Owns [100, 400) of the vector; the rest must not change.
    const flat = new FlatAdam(0.01, 100, 400, impl.kernels, tf.backend().epsilon());
    const w = Float32Array.from(init.dataSync());
    for (let step = 0; step < 8; step++) {
      // Gradients of very different scales, including exact zeros (sparse inputs give those).
      const g = tf.tidy(() => tf.mul(tf.randomNormal([n], 0, 1, "float32", 10 + step), tf.pow(10, tf.randomUniform([n], -4, 1, "float32", 20 + step))).mul(tf.step(tf.randomNormal([n], 0, 1, "float32", 30)))) as tf.Tensor1D;
      tfAdam.applyGradients({ [reference.name]: g } as tf.NamedTensorMap as Parameters<typeof tfAdam.applyGradients>[0]);
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
    for (const i of [0, 99, 400, 499]) assert.equal(w[i], start[i], `weight ${i} is outside the range and must not change`);
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

test("batches come from the uint8 images through the permutation, as byte / 255", () => {
  const images = new Uint8Array(3 * 784).map((_, i) => (i * 7) % 256);
  const labels = new Uint8Array([4, 5, 6]);
  const perm = new Int32Array([2, 0, 1]);
  const out = new Float32Array(2 * 784);
  fillImages(images, perm, 1, 2, out); // rows perm[1], perm[2] = images 0 and 1
  assert.equal(out[0], Math.fround(images[0]! / 255));
  assert.equal(out[784 + 5], Math.fround(images[784 + 5]! / 255));
  const lab = new Int32Array(3);
  fillLabels(labels, perm, 0, 3, lab);
  assert.deepEqual(Array.from(lab), [6, 4, 5]);
  assert.throws(() => fillImages(images, perm, 0, 3, out), /needs/);
});

test("shards of a batch are contiguous, cover it exactly and differ by at most one row", () => {
  for (const [size, parts] of [[128, 2], [96, 3], [1, 2], [5, 4]] as const) {
    const ranges = Array.from({ length: parts }, (_, k) => shardRange(size, parts, k));
    assert.equal(ranges[0]!.from, 0);
    assert.equal(ranges[parts - 1]!.to, size);
    ranges.slice(1).forEach((r, i) => assert.equal(r.from, ranges[i]!.to));
    const lengths = ranges.map((r) => r.to - r.from);
    assert.ok(Math.max(...lengths) - Math.min(...lengths) <= 1);
  }
});

test("gradient threads: TRAIN_WORKERS wins, tiny steps stay on one thread, bad values are refused", () => {
  const big = { batchSize: 128, paramCount: 550_000 };
  const tiny = { batchSize: 8, paramCount: 5_000 };
  assert.equal(resolveTrainThreads(undefined, tiny, {}), 1);
  assert.ok(resolveTrainThreads(undefined, big, {}) >= 1);
  assert.equal(resolveTrainThreads(2, tiny, { TRAIN_WORKERS: "1" }), 1);
  assert.equal(resolveTrainThreads(undefined, tiny, { TRAIN_WORKERS: "3" }), 3);
  assert.equal(resolveTrainThreads(1, big, {}), 1);
  assert.throws(() => resolveTrainThreads(undefined, big, { TRAIN_WORKERS: "zero" }), /TRAIN_WORKERS/);
  assert.throws(() => resolveTrainThreads(0, big, {}), /gradientWorkers/);
});
