/**
 * Pure helpers for the small SVG charts (no chart library): smoothing, downsampling, scales, ticks.
 * Kept free of React and the DOM so they are unit-tested directly.
 */

export interface Point {
  x: number;
  y: number;
}

/**
 * Exponential moving average with TensorBoard's debiasing, so the first points are not dragged
 * towards zero. `weight` 0 = raw, 0.99 = very smooth.
 */
export function ema(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) return [...values];
  const out = new Array<number>(values.length);
  let last = 0;
  // w^n, kept as a running product: Math.pow per point was a third of the chart's time at 10 Hz.
  let wPowN = 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    wPowN *= w;
    last = last * w + (1 - w) * v;
    out[i] = last / (1 - wPowN);
  }
  return out;
}

/**
 * Largest-Triangle-Three-Buckets downsampling: keeps the visual shape (spikes survive) with at most
 * `threshold` points. Points must be sorted by x. Returns the input when it is already small enough.
 */
export function downsampleLttb(points: readonly Point[], threshold: number): Point[] {
  const n = points.length;
  if (threshold >= n || threshold < 3) return [...points];
  const out: Point[] = [points[0]!];
  const bucket = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket: the third vertex of the triangle.
    const nextStart = Math.floor((i + 1) * bucket) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * bucket) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += points[j]!.x;
      avgY += points[j]!.y;
    }
    const count = Math.max(nextEnd - nextStart, 1);
    avgX /= count;
    avgY /= count;
    const start = Math.floor(i * bucket) + 1;
    const end = Math.floor((i + 1) * bucket) + 1;
    const pa = points[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const p = points[j]!;
      const area = Math.abs((pa.x - avgX) * (p.y - pa.y) - (pa.x - p.x) * (avgY - pa.y));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]!);
    a = best;
  }
  out.push(points[n - 1]!);
  return out;
}

export type Scale = (v: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** Log10 scale; values <= 0 are clamped to the domain's lower bound (they cannot be drawn on a log axis). */
export function logScale([d0, d1]: readonly [number, number], range: readonly [number, number]): Scale {
  const lo = Math.max(d0, Number.MIN_VALUE);
  const hi = Math.max(d1, lo);
  const inner = linearScale([Math.log10(lo), Math.log10(hi)], range);
  return (v) => inner(Math.log10(Math.max(v, lo)));
}

/**
 * [min, max] of finite values, padded by 5 % so lines do not touch the frame. For log axes only
 * positive values count. Returns null when nothing can be drawn.
 */
export function paddedExtent(values: readonly number[], log = false): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return null;
  if (log) {
    const pad = Math.pow(max / min, 0.05) || 1;
    return min === max ? [min / 1.5, max * 1.5] : [min / pad, max * pad];
  }
  if (min === max) return [min - Math.abs(min || 1) * 0.1, max + Math.abs(max || 1) * 0.1];
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

/** About `count` round tick values (1, 2, 5 x 10^k steps) inside [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(count, 1);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  return ticks;
}

/** Ticks for a log axis: powers of ten, plus 2x and 5x when the range spans less than two decades. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const multipliers = hi - lo <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++) {
    for (const m of multipliers) {
      const t = Number((m * Math.pow(10, e)).toPrecision(12));
      if (t >= min && t <= max) ticks.push(t);
    }
  }
  // A narrow range may hold no 1/2/5 tick at all: fall back to linear ticks so the axis is not blank.
  return ticks.length >= 2 ? ticks : niceTicks(min, max, 4);
}

/** SVG path "M x y L x y ..." through the points; non-finite points break the line. */
export function linePath(points: readonly Point[], x: Scale, y: Scale): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${x(p.x).toFixed(1)} ${y(p.y).toFixed(1)}`;
    pen = true;
  }
  return d;
}
