import { nearestPoint, toUnit, type Bounds } from "../../../lib/latent/scatterGeometry";
import type { LiveLatent } from "../../client/sessionState";

/** A click this close to a point (share of the map's side) picks the point itself. */
const SNAP = 0.02;

export interface Target {
  /** The place on the plane that was decoded. */
  at: [number, number];
  /** The test image picked there (index into the scatter), or null for an empty place. */
  point: number | null;
}

/** What a click at `at` decodes: the nearest test image's own place when it is within SNAP, else the place itself. */
export function pickTarget(scatter: Pick<LiveLatent, "points">, bounds: Bounds, at: [number, number]): Target {
  const i = nearestPoint(scatter.points, at[0], at[1]);
  if (i < 0) return { at, point: null };
  const p: [number, number] = [scatter.points[2 * i]!, scatter.points[2 * i + 1]!];
  const [a, b] = [toUnit(bounds, ...at), toUnit(bounds, ...p)];
  return Math.hypot(a[0] - b[0], a[1] - b[1]) <= SNAP ? { at: p, point: i } : { at, point: null };
}

/** The cursor move (share of the map's side) of an arrow key, Shift for further; null for other keys. */
export function arrowMove(key: string, shift: boolean): [number, number] | null {
  const step = shift ? 1 / 8 : 1 / 40;
  const moves: Partial<Record<string, [number, number]>> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, step],
    ArrowDown: [0, -step],
  };
  return moves[key] ?? null;
}

/** What was decoded, in words: exact at latent 2; above, a point of the PCA plane (say so, and how much the plane holds). */
export function describeTarget(
  t: Target,
  scatter: Pick<LiveLatent, "labels" | "projection">,
  digit: number | null,
): string {
  const at = `(${t.at[0].toFixed(2)}, ${t.at[1].toFixed(2)})`;
  const image = t.point !== null ? `test image ${t.point + 1}, a ${scatter.labels[t.point]}` : null;
  const as = digit !== null ? `, as digit ${digit}` : "";
  const p = scatter.projection;
  if (p.method === "identity")
    return image ? `Decoded z = ${at}: the mean μ of ${image}${as}.` : `Decoded z = ${at}${as} (no test image there).`;
  const held = p.explained ? `${Math.round((p.explained[0] + p.explained[1]) * 100)} %` : "part";
  return image
    ? `Decoded the plane's point ${at} under ${image}${as}. The plane holds ${held} of the latent's variance, so this is what that region decodes to, not that image itself.`
    : `Decoded the plane's point ${at}${as}.`;
}

/** Where the keyboard cursor is, and the test image nearest to it, in words (no full stop). */
export function cursorWords(scatter: Pick<LiveLatent, "points" | "labels">, cursor: [number, number]): string {
  const nearest = nearestPoint(scatter.points, cursor[0], cursor[1]);
  const near = nearest >= 0 ? `, nearest test image a ${scatter.labels[nearest]}` : "";
  return `Cursor at x ${cursor[0].toFixed(2)}, y ${cursor[1].toFixed(2)}${near}`;
}
