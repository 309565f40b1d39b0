/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, in float64.
 *
 * Why Jacobi: it is a few dozen lines, needs no library, is exact to rounding for the sizes we have (the latent
 * size, at most 64) and fully deterministic — the same input gives the same vectors on every machine and in every
 * browser, which the latent scatter needs so that its axes do not wander between epochs or between server and page.
 */

export interface Eigen {
  /** Eigenvalues, largest first (ties keep the original index order). */
  values: Float64Array;
  /** Eigenvectors as rows, row i belongs to values[i]: vectors[i * n + j]. Unit length. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/** @param matrix n × n, row-major, symmetric (only the upper triangle is read). Not modified. */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): Eigen {
  if (!Number.isInteger(n) || n < 1 || matrix.length !== n * n)
    throw new Error(`symmetricEigen: expected ${n} × ${n} values, got ${matrix.length}`);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = Number(matrix[i * n + j]);
  const v = new Float64Array(n * n); // columns become the eigenvectors
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += a[i * n + i]! ** 2;
      for (let j = i + 1; j < n; j++) off += a[i * n + j]! ** 2;
    }
    if (off <= 1e-30 * Math.max(scale, 1e-300)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        // The rotation that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.1).
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]! || x - y);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  const vectors = new Float64Array(n * n);
  order.forEach((col, row) => {
    for (let k = 0; k < n; k++) vectors[row * n + k] = v[k * n + col]!;
  });
  return { values, vectors };
}
