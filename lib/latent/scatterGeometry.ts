import type { LatentProjection } from "../contracts/latent";

/**
 * The latent vector at a place (x, y) of a scatter's plane: (x, y) itself at latent 2; above, the point of the PCA
 * plane z = mean + x · axes[0] + y · axes[1]. For a drawn point that is its μ projected onto the plane: the part of μ
 * off the plane (the variance the picture cannot show, 1 − explained) is left out. Pure.
 */
export function planeToLatent(projection: LatentProjection, x: number, y: number): number[] {
  if (projection.method === "identity") return [x, y];
  const { mean, axes } = projection;
  if (!mean || !axes) throw new Error("planeToLatent: a PCA projection needs its mean and axes");
  return mean.map((m, j) => m + x * axes[0][j]! + y * axes[1][j]!);
}

/** The bounding box of the points, widened so no point sits on the edge (pad: a share of the larger side). */
export function scatterBounds(
  points: ArrayLike<number>,
  pad = 0.06,
): { x0: number; x1: number; y0: number; y1: number } {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = Number(points[i]);
    const y = Number(points[i + 1]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 > x1) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  // A square box: the two axes share one scale, so distances on the map mean the same in both directions.
  const side = Math.max(x1 - x0, y1 - y0, 1e-6) * (1 + 2 * pad);
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return { x0: cx - side / 2, x1: cx + side / 2, y0: cy - side / 2, y1: cy + side / 2 };
}

/** Index of the point nearest (x, y), or −1 when there is none. */
export function nearestPoint(points: ArrayLike<number>, x: number, y: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; 2 * i + 1 < points.length; i++) {
    const d = (Number(points[2 * i]) - x) ** 2 + (Number(points[2 * i + 1]) - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

export type Bounds = ReturnType<typeof scatterBounds>;

/** A plane point as fractions of the drawing: fx from the left, fy from the top (y grows upwards on the plane). */
export function toUnit(b: Bounds, x: number, y: number): [number, number] {
  return [(x - b.x0) / (b.x1 - b.x0), (b.y1 - y) / (b.y1 - b.y0)];
}

/** The inverse of toUnit. */
export function fromUnit(b: Bounds, fx: number, fy: number): [number, number] {
  return [b.x0 + fx * (b.x1 - b.x0), b.y1 - fy * (b.y1 - b.y0)];
}

/** The cursor moved by (dx, dy) shares of the drawing's side (dy > 0 is up), kept inside the bounds. */
export function moveCursor(b: Bounds, [x, y]: [number, number], dx: number, dy: number): [number, number] {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return [clamp(x + dx * (b.x1 - b.x0), b.x0, b.x1), clamp(y + dy * (b.y1 - b.y0), b.y0, b.y1)];
}
