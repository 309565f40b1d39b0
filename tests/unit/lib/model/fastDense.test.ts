import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { fastDense, fastDenseConstInput, fastDenseConstTail } from "../../../../lib/model/fastDense";
import { useWasm } from "../tfWasm";

before(useWasm);

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Infinity);
}

test("fastDense forward and gradients equal tfjs's default matMul gradients", () => {
  tf.tidy(() => {
    const x = tf.randomNormal<tf.Rank.R2>([7, 13], 0, 1, "float32", 1);
    const w = tf.randomNormal<tf.Rank.R2>([13, 5], 0, 1, "float32", 2);
    const b = tf.randomNormal<tf.Rank.R1>([5], 0, 1, "float32", 3);
    const target = tf.randomNormal([7, 5], 0, 1, "float32", 4);
    // A non-trivial downstream loss so dy is not all ones.
    const lossWith =
      (dense: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D) =>
      (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.square(tf.sub(tf.relu(dense(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D)), target)));
    const reference = (xx: tf.Tensor2D, ww: tf.Tensor2D, bb: tf.Tensor1D) => tf.add<tf.Tensor2D>(tf.matMul(xx, ww), bb);
    assert.ok(maxAbsDiff(fastDense(x, w, b), reference(x, w, b)) < 1e-5);
    const fast = tf.grads(lossWith(fastDense))([x, w, b]);
    const slow = tf.grads(lossWith(reference))([x, w, b]);
    fast.forEach((g, i) => {
      const ref = slow[i]!;
      assert.deepEqual(g.shape, ref.shape);
      const scale = tf.max(tf.abs(ref)).dataSync()[0]!;
      assert.ok(maxAbsDiff(g, ref) <= 1e-5 * Math.max(1, scale), `gradient ${i} differs by ${maxAbsDiff(g, ref)}`);
    });
  });
});

test("fastDenseConstInput gives the same weight gradients (and none for the input)", () => {
  tf.tidy(() => {
    const x = tf.randomUniform<tf.Rank.R2>([9, 11], 0, 1, "float32", 5);
    const w = tf.variable<tf.Rank.R2>(tf.randomNormal([11, 4], 0, 1, "float32", 6));
    const b = tf.variable<tf.Rank.R1>(tf.randomNormal([4], 0, 1, "float32", 7));
    const f = (dense: typeof fastDense) => () => tf.sum<tf.Scalar>(tf.sigmoid(dense(x, w, b)));
    const fast = tf.variableGrads(f(fastDenseConstInput), [w, b]).grads;
    const slow = tf.variableGrads(
      f((xx, ww, bb) => tf.add<tf.Tensor2D>(tf.matMul(xx, ww), bb)),
      [w, b],
    ).grads;
    for (const name of [w.name, b.name]) {
      assert.ok(maxAbsDiff(fast[name]!, slow[name]!) < 1e-5, `gradient of ${name}`);
    }
    w.dispose();
    b.dispose();
  });
});

test("fastDenseConstTail equals dense over [x, tail] with gradients for x (its own columns) and the weights", () => {
  tf.tidy(() => {
    const x = tf.randomNormal<tf.Rank.R2>([6, 3], 0, 1, "float32", 8);
    const tail = tf.randomUniform<tf.Rank.R2>([6, 10], 0, 1, "float32", 9);
    const w = tf.randomNormal<tf.Rank.R2>([13, 4], 0, 1, "float32", 10);
    const b = tf.randomNormal<tf.Rank.R1>([4], 0, 1, "float32", 11);
    const loss =
      (dense: (xx: tf.Tensor2D, ww: tf.Tensor2D, bb: tf.Tensor1D) => tf.Tensor2D) =>
      (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.tanh(dense(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D)));
    const fast = tf.grads(loss((xx, ww, bb) => fastDenseConstTail(xx, tail, ww, bb)))([x, w, b]);
    const slow = tf.grads(loss((xx, ww, bb) => tf.add<tf.Tensor2D>(tf.matMul(tf.concat([xx, tail], 1), ww), bb)))([
      x,
      w,
      b,
    ]);
    assert.deepEqual(fast[0]!.shape, [6, 3]);
    fast.forEach((g, i) =>
      assert.ok(maxAbsDiff(g, slow[i]!) < 1e-5, `gradient ${i} differs by ${maxAbsDiff(g, slow[i]!)}`),
    );
  });
});
