/**
 * What the keys do on a focused chart, as pure functions of indices and ranges: ← → move the value cursor
 * (Shift: ten points), Home / End jump to the first / last point, + and − zoom the x axis around the
 * cursor, 0 shows everything again, Escape hides the cursor. The keyboard twin of hover and drag-zoom.
 */

export type ChartKeyAction =
  | { type: "move"; by: number }
  | { type: "jump"; to: "first" | "last" }
  | { type: "zoom"; factor: number }
  | { type: "reset" }
  | { type: "leave" };

export function chartKeyAction(key: string, shiftKey: boolean): ChartKeyAction | null {
  switch (key) {
    case "ArrowLeft":
      return { type: "move", by: shiftKey ? -10 : -1 };
    case "ArrowRight":
      return { type: "move", by: shiftKey ? 10 : 1 };
    case "Home":
      return { type: "jump", to: "first" };
    case "End":
      return { type: "jump", to: "last" };
    case "+":
    case "=":
      return { type: "zoom", factor: 0.5 };
    case "-":
    case "_":
      return { type: "zoom", factor: 2 };
    case "0":
      return { type: "reset" };
    case "Escape":
      return { type: "leave" };
    default:
      return null;
  }
}

/**
 * The next cursor index for a move or a jump within [first, last]. Without a cursor yet, a move starts at
 * `start` (the newest point in view: where a viewer of a live run looks first).
 */
export function nextCursorIndex(
  action: Extract<ChartKeyAction, { type: "move" | "jump" }>,
  current: number | null,
  [first, last]: readonly [number, number],
  start = last,
): number {
  if (action.type === "jump") return action.to === "first" ? first : last;
  const idx = current === null ? start : current + action.by;
  return Math.min(Math.max(idx, first), last);
}

/**
 * The x range after zooming by `factor` (0.5 = twice as close) around `center`, kept inside the data's
 * `bounds`; zooming out never goes past the whole data. `minWidth` stops zooming in below a few points.
 */
export function zoomedRange(
  [min, max]: readonly [number, number],
  center: number,
  factor: number,
  [lo, hi]: readonly [number, number],
  minWidth = 0,
): [number, number] {
  const width = Math.min(Math.max((max - min) * factor, minWidth), hi - lo);
  const share = max > min ? (Math.min(Math.max(center, min), max) - min) / (max - min) : 0.5;
  let start = center - width * share;
  start = Math.min(Math.max(start, lo), hi - width);
  return [start, start + width];
}

/** The x range moved as little as needed for `x` to be in view (same width, inside `bounds`). */
export function rangeIncluding(
  [min, max]: readonly [number, number],
  x: number,
  [lo, hi]: readonly [number, number],
): [number, number] {
  const width = max - min;
  if (x >= min && x <= max) return [min, max];
  const start = x < min ? Math.max(x, lo) : Math.min(x - width, hi - width);
  return [start, start + width];
}

/**
 * [first, last] of the first `length` x values: the points uPlot was given by its last setData. The step chart grows
 * its x column in place, so between a model update and the setData after it the array is already longer than what
 * uPlot drew — a double-click there fitted the view to uPlot's points and then counted as zoomed in against the
 * longer array, and the view stopped following the data.
 */
export function dataBounds(xs: ArrayLike<number>, length: number): [number, number] | null {
  const n = Math.min(length, xs.length);
  return n > 0 ? [xs[0]!, xs[n - 1]!] : null;
}

/** Whether the view [min, max] leaves out part of the data [first, last] (the viewer zoomed in). */
export function isZoomedIn([min, max]: readonly [number, number], [first, last]: readonly [number, number]): boolean {
  if (!(last > first)) return false;
  const tolerance = (last - first) * 1e-9;
  return min > first + tolerance || max < last - tolerance;
}
