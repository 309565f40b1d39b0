import type uPlot from "uplot";

/**
 * Puts the value cursor on the point at x (a step or an epoch), halfway up the plot. uPlot keeps a cursor by its
 * pixel; from the exact pixel of x it finds x's point again, since it looks for the closest x.
 */
export function placeCursorAt(u: uPlot, x: number): void {
  u.setCursor({ left: u.valToPos(x, "x"), top: u.over.clientHeight / 2 });
}

/**
 * After new points or a rebuild — both move the points under a cursor that stays on its pixel (a new size does not:
 * uPlot scales the cursor with the plot) — puts a kept cursor back on its point, when that point is in view. Call it
 * once uPlot has applied the change (after `batch`).
 */
export function restoreCursor(u: uPlot, x: number | null): void {
  const { min, max } = u.scales.x!;
  if (x !== null && min != null && max != null && x >= min && x <= max) placeCursorAt(u, x);
}
