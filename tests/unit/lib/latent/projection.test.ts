import assert from "node:assert/strict";
import { test } from "node:test";
import { projectLatents } from "../../../../lib/latent/projection";

function gaussians(seed: number): () => number {
  let s = seed >>> 0;
  const u = (): number => ((s = (s * 1664525 + 1013904223) >>> 0) + 1) / (2 ** 32 + 1);
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** n points in latent L with standard deviation sd[j] along axis j, plus an offset, row-major. */
function cloud(n: number, sd: number[], seed: number, offset = 3): Float32Array {
  const g = gaussians(seed);
  const out = new Float32Array(n * sd.length);
  for (let i = 0; i < n; i++) sd.forEach((s, j) => (out[i * sd.length + j] = offset + s * g()));
  return out;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(Number(a[i]) - Number(b[i])));
  return m;
};

/** Root mean square distance between two point sets (x, y interleaved). */
const rms = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (Number(a[i]) - Number(b[i])) ** 2;
  return Math.sqrt((2 * s) / a.length);
};

test("latent 2 is drawn as it is: the points are μ itself", () => {
  const mu = cloud(50, [1, 2], 1);
  const p = projectLatents(mu, 50, 2);
  assert.equal(p.method, "identity");
  assert.deepEqual(Array.from(p.points), Array.from(mu));
});

test("above latent 2: PCA finds the two directions of largest variance, centred, with their variance shares", () => {
  // Variances 0.25, 9, 0.25, 4, 0.25 on axes 0..4: the first component is axis 1, the second axis 3.
  const n = 4000;
  const mu = cloud(n, [0.5, 3, 0.5, 2, 0.5], 2);
  const p = projectLatents(mu, n, 5);
  assert.equal(p.method, "pca");
  const [a0, a1] = [p.axes!.slice(0, 5), p.axes!.slice(5, 10)];
  assert.ok(
    Math.abs(Math.abs(a0[1]!) - 1) < 0.01 && Math.abs(Math.abs(a1[3]!) - 1) < 0.01,
    `axes ${Array.from(a0)} / ${Array.from(a1)}`,
  );
  assert.ok(
    Math.abs(p.explained![0] - 9 / 13.75) < 0.03 && Math.abs(p.explained![1] - 4 / 13.75) < 0.03,
    `explained ${p.explained}`,
  );
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += p.points[2 * i]! / n;
    my += p.points[2 * i + 1]! / n;
  }
  assert.ok(Math.abs(mx) < 1e-4 && Math.abs(my) < 1e-4, "centred on the mean");
  // Each point's x is its centred coordinate along axis 1 (up to the axis's sign).
  const sign = Math.sign(a0[1]!);
  const mean1 = Array.from({ length: n }, (_, i) => mu[i * 5 + 1]!).reduce((s, v) => s + v, 0) / n;
  for (const i of [0, 17, 999]) assert.ok(Math.abs(p.points[2 * i]! - sign * (mu[i * 5 + 1]! - mean1)) < 0.05 * 3);
});

test("deterministic: the same μ gives bit-identical points and axes", () => {
  const mu = cloud(2000, [1, 0.4, 2, 0.7, 1.5, 0.2], 5);
  const a = projectLatents(mu, 2000, 6);
  const b = projectLatents(mu.slice(), 2000, 6);
  assert.deepEqual(Array.from(a.points), Array.from(b.points));
  assert.deepEqual(Array.from(a.axes!), Array.from(b.axes!));
});

test("first epoch: every axis's largest loading is positive, whatever the sign the eigen solver returned", () => {
  for (const seed of [1, 2, 3, 4]) {
    const p = projectLatents(cloud(500, [2, 1, 0.5, 0.3], seed), 500, 4);
    for (const axis of [p.axes!.slice(0, 4), p.axes!.slice(4, 8)]) {
      const largest = Array.from(axis).reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
      assert.ok(largest > 0, `axis ${Array.from(axis)}`);
    }
  }
});

test("with the previous epoch's points, a mirrored latent space does not mirror the picture", () => {
  const n = 1000;
  const mu = cloud(n, [2, 1, 0.5, 0.3], 7);
  const first = projectLatents(mu, n, 4);
  // The next epoch's encoder happens to have flipped every coordinate (and moved a little): same picture wanted.
  const flipped = mu.map((v, i) => -v + 0.01 * Math.sin(i));
  const alone = projectLatents(flipped, n, 4);
  assert.ok(
    maxDiff(alone.points, first.points) > 1,
    "without the previous points the largest-loading rule alone mirrors it",
  );
  const aligned = projectLatents(flipped, n, 4, first.points);
  assert.ok(maxDiff(aligned.points, first.points) < 0.05, `aligned max |Δ| = ${maxDiff(aligned.points, first.points)}`);
});

test("with the previous epoch's points, two near-equal variances that trade places do not turn the picture", () => {
  const n = 2000;
  const before = cloud(n, [1.6, 1.5, 0.2], 9); // nearly equal: PCA's axes sit at an arbitrary angle in the plane
  const first = projectLatents(before, n, 3);
  // Next epoch axis 1 became slightly wider: plain PCA's axes jump to another angle.
  const after = before.map((v, i) => (i % 3 === 1 ? 3 + (v - 3) * 1.15 : v));
  const alone = projectLatents(after, n, 3);
  assert.ok(
    rms(alone.points, first.points) > 1,
    `plain PCA turns the picture (rms ${rms(alone.points, first.points)})`,
  );
  const aligned = projectLatents(after, n, 3, first.points);
  assert.ok(
    rms(aligned.points, first.points) < 0.3,
    `aligned rms ${rms(aligned.points, first.points)} (the stretch itself moves points by ~0.2)`,
  );
});

test("aligned axes stay orthonormal and span the PCA plane: the points keep the plane's variance", () => {
  const n = 1500;
  const mu = cloud(n, [0.3, 2, 0.2, 1.2, 0.1], 11);
  const plain = projectLatents(mu, n, 5);
  const previous = Float32Array.from(plain.points, (v, i) => (i % 2 === 0 ? v + v * 0.3 : -v)); // some other orientation
  const aligned = projectLatents(mu, n, 5, previous);
  const ax = aligned.axes!;
  const dot = (p: number, q: number): number =>
    Array.from({ length: 5 }, (_, k) => ax[p * 5 + k]! * ax[q * 5 + k]!).reduce((a, b) => a + b, 0);
  assert.ok(
    Math.abs(dot(0, 0) - 1) < 1e-9 && Math.abs(dot(1, 1) - 1) < 1e-9 && Math.abs(dot(0, 1)) < 1e-9,
    "orthonormal",
  );
  const variance = (pts: Float32Array): number => pts.reduce((s, v) => s + v * v, 0) / n;
  assert.ok(
    Math.abs(variance(aligned.points) - variance(plain.points)) < 1e-3 * variance(plain.points),
    "a turn within the plane keeps the variance",
  );
  assert.ok(rms(aligned.points, plain.points) > 0.5, "and it did turn, towards the other orientation");
});

test("refuses inputs of the wrong size", () => {
  assert.throws(() => projectLatents(new Float32Array(10), 3, 4), /expected 3 × 4/);
  assert.throws(() => projectLatents(new Float32Array(12), 3, 4, new Float32Array(5)), /previous points/);
  assert.throws(() => projectLatents(new Float32Array(3), 3, 1), /latent size ≥ 2/);
});
