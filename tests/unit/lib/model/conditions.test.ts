import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { centredHoleMask } from "../../../../lib/data/masks";
import { buildCondition } from "../../../../lib/model/conditions";
import { useWasm } from "../tfWasm";

before(useWasm);

test('"none" gives null and "label" a one-hot [b, 10]', () => {
  tf.tidy(() => {
    const x = tf.zeros<tf.Rank.R2>([2, 784]);
    assert.equal(buildCondition("none", x, null, null), null);
    const c = buildCondition("label", x, tf.tensor1d([3, 9], "int32"), null)!;
    assert.deepEqual(c.shape, [2, 10]);
    assert.deepEqual(Array.from(c.argMax(1).dataSync()), [3, 9]);
    assert.equal(c.sum().dataSync()[0], 2);
  });
});

test('"inpaint" is [observed pixels, mask]: the visible pixels differ per image, the hole is zero', () => {
  tf.tidy(() => {
    const x = tf.concat<tf.Tensor2D>([tf.fill([1, 784], 0.25), tf.fill([1, 784], 0.75)]);
    const mask = tf.tensor2d(centredHoleMask(), [1, 784]);
    const c = buildCondition("inpaint", x, null, mask)!;
    assert.deepEqual(c.shape, [2, 1568]);
    const v = c.arraySync();
    const hole = 10 * 28 + 10;
    assert.deepEqual([v[0]![0], v[1]![0], v[0]![hole], v[1]![hole]], [0.25, 0.75, 0, 0]);
    assert.deepEqual([v[0]![784], v[0]![784 + hole]], [1, 0], "mask half: 1 observed, 0 hole");
  });
});

test("buildCondition rejects missing or mis-shaped labels and masks", () => {
  tf.tidy(() => {
    const x = tf.zeros<tf.Rank.R2>([2, 784]);
    assert.throws(() => buildCondition("label", x, null, null), /needs labels/);
    assert.throws(() => buildCondition("label", x, tf.tensor1d([1], "int32"), null), /labels must be \[2\]/);
    assert.throws(() => buildCondition("inpaint", x, null, null), /needs a mask/);
    assert.throws(() => buildCondition("inpaint", x, null, tf.ones<tf.Rank.R2>([3, 784])), /mask must be/);
    assert.throws(() => buildCondition("none", tf.zeros<tf.Rank.R2>([2, 10]), null, null), /x must be/);
  });
});
