import { symmetricEigen } from "./symmetricEigen";

/**
 * The latent scatter's 2-D coordinates: test images' encoder means μ, one point each, drawn coloured by digit
 * (docs/product.md "Latent scatter"). Isomorphic (no tfjs, no DOM): the server computes it every epoch, and a page
 * can compute the same from its own encodings.
 *
 * - latent 2: the latent itself (x = μ₀, y = μ₁), so the axes mean what the play view's sliders mean.
 * - above: PCA to the plane of the two directions of largest variance, computed exactly (symmetricEigen) and
 *   deterministically. PCA fixes each axis only up to its sign, and when the two largest variances are close, the
 *   axes can turn freely within the plane from one epoch to the next: the picture would mirror or spin. So given
 *   the previous epoch's points (the same images in the same order), the new points are turned (or mirrored) within
 *   the PCA plane to match them as closely as possible — the orthogonal Procrustes solution, closed-form in 2-D.
 *   The first epoch uses the principal axes themselves, each with its largest loading positive.
 */

export interface LatentProjection {
  /** x, y interleaved: 2 · n floats. */
  points: Float32Array;
  method: "identity" | "pca";
  /** PCA only: the two orthonormal axes in latent space, as rows [2 × latentDim] (after the alignment). */
  axes: Float64Array | null;
  /**
   * PCA only: the mean of the μ (latentDim values). With the axes it maps a point of the plane back to latent space:
   * z = mean + x · axes[0] + y · axes[1] (the play view's map decodes that).
   */
  mean: Float64Array | null;
  /** PCA only: fraction of the total variance captured by the plane's two principal directions (largest first). */
  explained: [number, number] | null;
}

/**
 * @param mu n × latentDim encoder means, row-major
 * @param previous the last epoch's points of the same n images (2 · n floats), to keep the orientation
 */
export function projectLatents(
  mu: ArrayLike<number>,
  n: number,
  latentDim: number,
  previous: ArrayLike<number> | null = null,
): LatentProjection {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(latentDim) || latentDim < 2)
    throw new Error(`projectLatents: need n ≥ 1 points of latent size ≥ 2, got n ${n}, latent ${latentDim}`);
  if (mu.length !== n * latentDim)
    throw new Error(`projectLatents: expected ${n} × ${latentDim} values, got ${mu.length}`);
  if (previous && previous.length !== 2 * n)
    throw new Error(`projectLatents: previous points must be 2 × ${n} values, got ${previous.length}`);
  if (latentDim === 2)
    return { points: Float32Array.from(mu), method: "identity", axes: null, mean: null, explained: null };

  const L = latentDim;
  const mean = new Float64Array(L);
  for (let i = 0; i < n; i++) for (let j = 0; j < L; j++) mean[j]! += Number(mu[i * L + j]) / n;
  const cov = new Float64Array(L * L);
  const row = new Float64Array(L);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < L; j++) row[j] = Number(mu[i * L + j]) - mean[j]!;
    for (let j = 0; j < L; j++) {
      const rj = row[j]!;
      for (let k = j; k < L; k++) cov[j * L + k]! += rj * row[k]!;
    }
  }
  const { values, vectors } = symmetricEigen(cov, L);
  const total = values.reduce((a, b) => a + Math.max(b, 0), 0);
  const explained: [number, number] = [values[0]! / (total || 1), values[1]! / (total || 1)];
  const principal = [vectors.slice(0, L), vectors.slice(L, 2 * L)].map((axis) =>
    largestLoadingSign(axis) < 0 ? axis.map((v) => -v) : axis,
  );
  const principalCoords = principal.map((axis) => centredCoordinates(mu, n, L, mean, axis));
  // Turned within the plane: axis k = Σ_j R[j][k] · principal_j, coordinates likewise.
  const r = previous ? procrustes2d(principalCoords, previous, n) : [1, 0, 0, 1];
  const mix = (a: Float64Array[], k: 0 | 1): Float64Array => a[0]!.map((v, i) => v * r[k]! + a[1]![i]! * r[2 + k]!);
  const axes = [mix(principal, 0), mix(principal, 1)];
  const coords = [mix(principalCoords, 0), mix(principalCoords, 1)];
  const points = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    points[2 * i] = coords[0]![i]!;
    points[2 * i + 1] = coords[1]![i]!;
  }
  const flatAxes = new Float64Array(2 * L);
  flatAxes.set(axes[0]!, 0);
  flatAxes.set(axes[1]!, L);
  return { points, method: "pca", axes: flatAxes, mean, explained };
}

/** (μ_i − mean) · axis for every row. */
function centredCoordinates(
  mu: ArrayLike<number>,
  n: number,
  L: number,
  mean: Float64Array,
  axis: Float64Array,
): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < L; j++) s += (Number(mu[i * L + j]) - mean[j]!) * axis[j]!;
    out[i] = s;
  }
  return out;
}

/** Sign of the entry with the largest magnitude (the first one on ties). */
function largestLoadingSign(axis: Float64Array): number {
  let best = 0;
  for (let j = 1; j < axis.length; j++) if (Math.abs(axis[j]!) > Math.abs(axis[best]!)) best = j;
  return axis[best]! < 0 ? -1 : 1;
}

/**
 * The 2 × 2 orthogonal R (row-major [r00, r01, r10, r11]; a rotation or a mirror) maximising Σ_i ⟨coordsᵢ·R, previousᵢ⟩,
 * i.e. minimising the squared distance to the previous points. With M = coordsᵀ·previous, the best rotation by θ scores
 * cos θ·(M00 + M11) + sin θ·(M10 − M01), the best mirror cos θ·(M00 − M11) + sin θ·(M01 + M10); take the better one
 * (the rotation on a tie).
 */
function procrustes2d(
  coords: Float64Array[],
  previous: ArrayLike<number>,
  n: number,
): [number, number, number, number] {
  const m = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const px = Number(previous[2 * i]);
    const py = Number(previous[2 * i + 1]);
    m[0]! += coords[0]![i]! * px;
    m[1]! += coords[0]![i]! * py;
    m[2]! += coords[1]![i]! * px;
    m[3]! += coords[1]![i]! * py;
  }
  const [m00, m01, m10, m11] = m as [number, number, number, number];
  const rot = Math.hypot(m00 + m11, m10 - m01);
  const mir = Math.hypot(m00 - m11, m01 + m10);
  if (rot >= mir) {
    const t = Math.atan2(m10 - m01, m00 + m11);
    return [Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)];
  }
  const t = Math.atan2(m01 + m10, m00 - m11);
  return [Math.cos(t), Math.sin(t), Math.sin(t), -Math.cos(t)];
}
