import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { buildCondition, fillConditionT } from "../../../../../lib/model/conditions";
import { fillImagesT, fillLabels, shardRange, transposeRows } from "../../../../../server/training/parallel/batch";
import { gaussianFill } from "../../../../../server/training/loop/random";
import { useWasm } from "../../../lib/tfWasm";

before(useWasm);

test("batches come from the uint8 images through the permutation, feature-major, as byte / 255", () => {
  const images = new Uint8Array(3 * 784).map((_, i) => (i * 7) % 256);
  const labels = new Uint8Array([4, 5, 6]);
  const perm = new Int32Array([2, 0, 1]);
  const out = new Float32Array(2 * 784);
  fillImagesT(images, perm, 1, 2, out); // columns perm[1], perm[2] = images 0 and 1; out is [784, 2]
  assert.equal(out[0], Math.fround(images[0]! / 255));
  assert.equal(out[1], Math.fround(images[784]! / 255));
  assert.equal(out[5 * 2 + 1], Math.fround(images[784 + 5]! / 255));
  const lab = new Int32Array(3);
  fillLabels(labels, perm, 0, 3, lab);
  assert.deepEqual(Array.from(lab), [6, 4, 5]);
  assert.throws(() => fillImagesT(images, perm, 0, 3, out), /needs/);
});

test("transposeRows takes rows [from, to) of a row-major array into [cols, n]", () => {
  const src = Float32Array.from({ length: 4 * 3 }, (_, i) => i); // [4, 3]
  const out = new Float32Array(6);
  transposeRows(src, 3, 1, 3, out); // rows 1 and 2 → [3, 2]
  assert.deepEqual(Array.from(out), [3, 6, 4, 7, 5, 8]);
  assert.throws(() => transposeRows(src, 3, 2, 5, out), /too short/);
});

test("fillConditionT is buildCondition transposed, for labels and inpainting masks", () => {
  const n = 5;
  const x = tf.randomUniform<tf.Rank.R2>([n, 784], 0, 1, "float32", 1);
  const xT = Float32Array.from(tf.transpose(x).dataSync());
  const labels = Int32Array.from([3, 0, 9, 3, 7]);
  const masks = Float32Array.from({ length: n * 784 }, (_, i) => ((i * 13) % 7 === 0 ? 0 : 1));
  for (const kind of ["label", "inpaint"] as const) {
    const want = tf.tidy(() =>
      tf.transpose(buildCondition(kind, x, tf.tensor1d(labels, "int32"), tf.tensor2d(masks, [n, 784]))!).dataSync(),
    );
    const got = fillConditionT(kind, xT, labels, masks, n, new Float32Array(n * 1568))!;
    assert.equal(got.length, want.length, kind);
    let diff = 0;
    for (let i = 0; i < got.length; i++) diff = Math.max(diff, Math.abs(got[i]! - want[i]!));
    assert.ok(diff < 1e-7, `${kind}: max |Δ| ${diff}`);
  }
  assert.equal(fillConditionT("none", xT, labels, null, n, new Float32Array(0)), null);
  assert.throws(
    () => fillConditionT("label", xT, Int32Array.from([1, 2, 3, 4, 12]), null, n, new Float32Array(50)),
    /not a digit/,
  );
  assert.throws(() => fillConditionT("inpaint", xT, labels, null, n, new Float32Array(n * 1568)), /needs/);
  x.dispose();
});

test("gaussianFill is seeded standard normal noise", () => {
  const a = gaussianFill(new Float32Array(100_001), 42);
  const b = gaussianFill(new Float32Array(100_001), 42);
  const c = gaussianFill(new Float32Array(100_001), 43);
  assert.deepEqual(a, b, "same seed, same noise");
  assert.notDeepEqual(a, c);
  let mean = 0;
  let sq = 0;
  let beyond3 = 0;
  for (const v of a) {
    assert.ok(Number.isFinite(v));
    mean += v / a.length;
    sq += (v * v) / a.length;
    if (Math.abs(v) > 3) beyond3++;
  }
  assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(sq - 1) < 0.02, `variance ${sq}`);
  assert.ok(Math.abs(beyond3 / a.length - 0.0027) < 0.001, `tail |v| > 3: ${beyond3 / a.length}`);
  const part = gaussianFill(new Float32Array(10).fill(9), 42, 3);
  assert.deepEqual(Array.from(part.subarray(0, 3)), Array.from(a.subarray(0, 3)));
  assert.equal(part[3], 9, "only count values are written");
  assert.throws(() => gaussianFill(new Float32Array(2), 1, 3), /exceeds/);
});

test("shards of a batch are contiguous, cover it exactly and differ by at most one row", () => {
  for (const [size, parts] of [
    [128, 2],
    [96, 3],
    [1, 2],
    [5, 4],
  ] as const) {
    const ranges = Array.from({ length: parts }, (_, k) => shardRange(size, parts, k));
    assert.equal(ranges[0]!.from, 0);
    assert.equal(ranges[parts - 1]!.to, size);
    ranges.slice(1).forEach((r, i) => assert.equal(r.from, ranges[i]!.to));
    const lengths = ranges.map((r) => r.to - r.from);
    assert.ok(Math.max(...lengths) - Math.min(...lengths) <= 1);
  }
});
