/**
 * Pure number helpers for the charts: smoothing, y ranges and log-axis ticks. Kept free of React, the
 * DOM and uPlot so they are unit-tested directly.
 */

/**
 * Exponential moving average with TensorBoard's debiasing, so the first points are not dragged
 * towards zero. `weight` 0 = raw, 0.99 = very smooth.
 */
export function ema(values: readonly number[], weight: number): number[] {
  if (Math.min(Math.max(weight, 0), 0.999) === 0) return [...values];
  const state = new EmaState(weight);
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = state.next(values[i]!);
  return out;
}

/**
 * The running state of `ema`, one value at a time: a live chart extends its smoothed line by the new
 * points instead of smoothing the whole history again. Same arithmetic, so the same numbers.
 */
export class EmaState {
  private readonly w: number;
  private last = 0;
  // w^n, kept as a running product: Math.pow per point was a third of the chart's time at 10 Hz.
  private wPowN = 1;

  constructor(weight: number) {
    this.w = Math.min(Math.max(weight, 0), 0.999);
  }

  /** The smoothed value at the next point (a non-finite value passes through and leaves the state alone). */
  next(v: number): number {
    if (this.w === 0 || !Number.isFinite(v)) return v;
    this.wPowN *= this.w;
    this.last = this.last * this.w + (1 - this.w) * v;
    return this.last / (1 - this.wPowN);
  }
}

/**
 * [min, max] of finite values, padded by 5 % so lines do not touch the frame (on a log axis by 5 % of
 * the decades shown). For log axes only positive values count. Returns null when nothing can be drawn.
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
/**
 * Ticks for a log axis: powers of ten, plus 2x and 5x when the range spans less than two decades. uPlot's
 * own log ticks start from the range's lower end, which is only round when the range is snapped to whole
 * decades — ours is padded tightly around the data instead.
 */
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
