import assert from "node:assert/strict";
import { test } from "node:test";
import { symmetricEigen } from "../../../../lib/latent/symmetricEigen";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

test("a known 2 × 2 matrix: eigenvalues 3 and 1, vectors (1, 1)/√2 and (1, −1)/√2 up to sign", () => {
  const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
  assert.ok(Math.abs(values[0]! - 3) < 1e-12 && Math.abs(values[1]! - 1) < 1e-12, `values ${values.join(",")}`);
  assert.ok(Math.abs(Math.abs(vectors[0]!) - Math.SQRT1_2) < 1e-12 && Math.abs(vectors[0]! - vectors[1]!) < 1e-12);
  assert.ok(Math.abs(vectors[2]! + vectors[3]!) < 1e-12);
});

test("a random symmetric 20 × 20 matrix: A·v = λ·v, orthonormal vectors, values sorted largest first", () => {
  const n = 20;
  const rand = seeded(3);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rand();
  const { values, vectors } = symmetricEigen(a, n);
  for (let k = 1; k < n; k++) assert.ok(values[k - 1]! >= values[k]!, "sorted");
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[k * n + j]!;
      assert.ok(Math.abs(av - values[k]! * vectors[k * n + i]!) < 1e-10, `A v = λ v for vector ${k}`);
    }
    for (let m = 0; m < n; m++) {
      let d = 0;
      for (let j = 0; j < n; j++) d += vectors[k * n + j]! * vectors[m * n + j]!;
      assert.ok(Math.abs(d - (k === m ? 1 : 0)) < 1e-10, `⟨v${k}, v${m}⟩ = ${d}`);
    }
  }
});

test("refuses a matrix of the wrong size", () => {
  assert.throws(() => symmetricEigen([1, 2, 3], 2), /expected 2 × 2/);
});
