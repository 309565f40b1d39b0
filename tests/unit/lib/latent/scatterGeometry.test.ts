import assert from "node:assert/strict";
import { test } from "node:test";
import type { LatentProjection } from "../../../../lib/contracts/latent";
import {
  fromUnit,
  moveCursor,
  nearestPoint,
  planeToLatent,
  scatterBounds,
  toUnit,
} from "../../../../lib/latent/scatterGeometry";
import { projectLatents } from "../../../../lib/latent/projection";
import { projectionOf } from "../../../../server/training/loop/latentScatter";

test("planeToLatent: the place itself at latent 2; mean + x·axis0 + y·axis1 on a PCA plane", () => {
  assert.deepEqual(planeToLatent({ method: "identity", mean: null, axes: null, explained: null }, 1.5, -2), [1.5, -2]);
  const pca: LatentProjection = {
    method: "pca",
    mean: [1, 2, 3],
    axes: [
      [1, 0, 0],
      [0, 0.6, 0.8],
    ],
    explained: [0.5, 0.3],
  };
  assert.deepEqual(planeToLatent(pca, 2, 10), [3, 8, 11]);
  assert.throws(() => planeToLatent({ ...pca, mean: null }, 0, 0), /mean and axes/);
});

test("a point's plane coordinates map back to its μ when μ lies in the plane (the projection's basis round-trips)", () => {
  // μ = m + a·u + b·v exactly: PCA finds that plane, and the inverse map returns every μ.
  const [n, L] = [200, 5];
  const m = [0.5, -1, 2, 0, 3];
  const u = [0.6, 0.8, 0, 0, 0];
  const v = [0, 0, 0, 1, 0];
  const mu = new Float32Array(n * L);
  for (let i = 0; i < n; i++) {
    const [a, b] = [Math.sin(i) * 3, Math.cos(3 * i)];
    for (let j = 0; j < L; j++) mu[i * L + j] = m[j]! + a * u[j]! + b * v[j]!;
  }
  const projected = projectLatents(mu, n, L);
  const projection = projectionOf(projected);
  assert.equal(projection.method, "pca");
  for (const i of [0, 17, 199]) {
    const z = planeToLatent(projection, projected.points[2 * i]!, projected.points[2 * i + 1]!);
    z.forEach((zj, j) =>
      assert.ok(Math.abs(zj - mu[i * L + j]!) < 1e-4, `point ${i} dim ${j}: ${zj} vs ${mu[i * L + j]}`),
    );
  }
  assert.deepEqual(projectionOf(projectLatents(new Float32Array([1, 2, 3, 4]), 2, 2)), {
    method: "identity",
    mean: null,
    axes: null,
    explained: null,
  });
});

test("scatterBounds is a square around the points with a margin; toUnit and fromUnit invert each other, y up", () => {
  const b = scatterBounds(new Float32Array([0, 0, 10, 2, 4, -2]), 0.1);
  assert.ok(Math.abs(b.x1 - b.x0 - (b.y1 - b.y0)) < 1e-9, "square");
  assert.ok(b.x0 < 0 && b.x1 > 10 && b.y0 < -2 && b.y1 > 2);
  const [fx, fy] = toUnit(b, 10, 2);
  assert.ok(fx > 0.5 && fy < 0.5, "right and up is right and towards the top");
  const [x, y] = fromUnit(b, fx, fy);
  assert.ok(Math.abs(x - 10) < 1e-9 && Math.abs(y - 2) < 1e-9);
  assert.deepEqual(scatterBounds(new Float32Array(0)), { x0: -1, x1: 1, y0: -1, y1: 1 });
  assert.ok(Number.isFinite(scatterBounds(new Float32Array([3, 3])).x1), "one point: a box of some size");
});

test("nearestPoint and moveCursor", () => {
  const pts = new Float32Array([0, 0, 5, 5, -3, 1]);
  assert.equal(nearestPoint(pts, 4, 4), 1);
  assert.equal(nearestPoint(pts, -2, 0), 2);
  assert.equal(nearestPoint(new Float32Array(0), 0, 0), -1);
  const b = { x0: 0, x1: 10, y0: 0, y1: 10 };
  assert.deepEqual(moveCursor(b, [5, 5], 0.1, -0.2), [6, 3]);
  assert.deepEqual(moveCursor(b, [9, 1], 0.5, -0.5), [10, 0], "kept inside");
});
