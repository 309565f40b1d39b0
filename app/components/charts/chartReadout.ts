import type uPlot from "uplot";
import { formatInt, formatNats } from "../format";
import type { ChartLine } from "./chartModel";

/**
 * The values a chart shows for one x: under the mouse or the keyboard cursor, or each line's latest value
 * when there is no cursor. Pure, so the same text serves the visible readout and the screen-reader announcement.
 */

export interface ReadoutEntry {
  label: string;
  /** What the screen shows: the full label for a run's first value, then only the line's kind ("recon"). */
  shortLabel: string;
  color: string;
  value: string;
}

export interface Readout {
  /** "step 1,200", or "latest" when there is no cursor. */
  heading: string;
  entries: ReadoutEntry[];
}

export interface ReadoutInput {
  data: uPlot.AlignedData;
  lines: readonly ChartLine[];
  /** Per line: drawn (not hidden by the legend). */
  shown: readonly boolean[];
  /** The x index under the cursor, or null for "latest". */
  cursorIdx: number | null;
  /** Per uPlot series (0 = x): the index uPlot settled on for each line near the cursor. */
  seriesIdxs?: readonly (number | null)[] | undefined;
  xLabel: string;
}

/** Index of the last value that is a number (not a gap, not an alignment hole) at or before `from`; null if none. */
export function lastValueIndex(column: ArrayLike<number | null | undefined>, from = column.length - 1): number | null {
  for (let i = Math.min(from, column.length - 1); i >= 0; i--) if (typeof column[i] === "number") return i;
  return null;
}

export function readoutAt({ data, lines, shown, cursorIdx, seriesIdxs, xLabel }: ReadoutInput): Readout | null {
  const xs = data[0];
  if (xs.length === 0) return null;
  const entries: ReadoutEntry[] = [];
  let previousRun: string | null = null;
  lines.forEach((line, i) => {
    const column = data[i + 1];
    if (!column || line.faint || !shown[i]) return;
    const idx = cursorIdx === null ? lastValueIndex(column) : (seriesIdxs?.[i + 1] ?? cursorIdx);
    const value = idx === null ? undefined : column[idx];
    if (typeof value !== "number") return;
    entries.push({
      label: line.label,
      shortLabel: line.runId === previousRun ? line.kind : line.label,
      color: line.color,
      value: formatNats(value),
    });
    previousRun = line.runId;
  });
  const heading = cursorIdx === null ? "latest" : `${xLabel} ${formatInt(xs[cursorIdx] ?? NaN)}`;
  return { heading, entries };
}

/** One sentence for screen readers: "step 1,200: VAE loss 104.2, CVAE loss 98.1 nats / image". */
export function readoutSentence(readout: Readout | null, unit: string): string {
  if (!readout) return "No values yet.";
  if (readout.entries.length === 0) return `${readout.heading}: no values.`;
  return `${readout.heading}: ${readout.entries.map((e) => `${e.label} ${e.value}`).join(", ")} ${unit}.`;
}

/** "Showing all steps, 0 to 13,993." or "Zoomed to step 2,000 to 4,000 of 0 to 13,993." */
export function viewSentence(
  [min, max]: readonly [number, number],
  [first, last]: readonly [number, number],
  xLabel: string,
  zoomed: boolean,
): string {
  const all = `${formatInt(first)} to ${formatInt(last)}`;
  return zoomed
    ? `Zoomed to ${xLabel} ${formatInt(min)} to ${formatInt(max)} of ${all}.`
    : `Showing every ${xLabel}, ${all}.`;
}
