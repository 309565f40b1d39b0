import type uPlot from "uplot";

/**
 * What a chart draws, as plain data: the lines and uPlot's column layout (one shared x column, one y
 * column per line). Built by pure functions, so series building is tested without a browser.
 */

export interface ChartLine {
  /** Stable id: when the set of keys changes, the chart is rebuilt instead of fed new data. */
  key: string;
  /** The run a line belongs to: the legend shows and hides a run's lines together. */
  runId: string;
  /** Full name, e.g. "VAE (seed) recon": what screen readers hear. */
  label: string;
  /** The line's name within its run, e.g. "recon": enough on screen right after the run's first line. */
  kind: string;
  color: string;
  style?: "dashed" | "dotted";
  /** The faint raw line under a smoothed one: thin, and left out of the value readout. */
  faint?: boolean;
  /** A dot on every point (few points, e.g. one per epoch). */
  markers?: boolean;
}

export interface ChartModel {
  lines: ChartLine[];
  /** [x, y of lines[0], y of lines[1], …], x ascending. */
  data: uPlot.AlignedData;
}

/** One run's points: x ascending, one y column per line of that run. */
export interface XYTable {
  xs: readonly number[];
  ys: readonly (readonly number[])[];
}

type Column = (number | null | undefined)[];

/**
 * Joins tables with different x values (two runs report different steps) onto the union of their x.
 * Where a table has no point at an x its columns hold `undefined` — uPlot's "alignment artifact": the
 * line continues through it and the cursor skips it — while a non-finite value becomes `null`, a real
 * gap in the line.
 */
export function alignTables(tables: readonly XYTable[]): { xs: number[]; columns: Column[] } {
  const gapped = (v: number | undefined) => (v === undefined || Number.isFinite(v) ? v : null);
  if (tables.length === 1) return { xs: [...tables[0]!.xs], columns: tables[0]!.ys.map((ys) => ys.map(gapped)) };
  const xs = unionOfSorted(tables.map((t) => t.xs));
  const columns: Column[] = [];
  for (const t of tables) {
    // Where each of this table's points lands in the union (both ascending: one forward walk).
    const slots = new Array<number>(t.xs.length);
    for (let i = 0, s = 0; i < t.xs.length; i++) {
      while (s < xs.length - 1 && xs[s] !== t.xs[i]) s++;
      slots[i] = s;
    }
    for (const ys of t.ys) {
      const column: Column = new Array<number | null | undefined>(xs.length).fill(undefined);
      for (let i = 0; i < slots.length; i++) column[slots[i]!] = gapped(ys[i]);
      columns.push(column);
    }
  }
  return { xs, columns };
}

/** The sorted union of ascending arrays, each value once. */
function unionOfSorted(lists: readonly (readonly number[])[]): number[] {
  const all = lists.flat().sort((a, b) => a - b);
  return all.filter((v, i) => i === 0 || v !== all[i - 1]);
}

/** Values a log axis can draw: zero and negatives become gaps (log10 of them is not a position). */
export function forLogAxis(values: readonly number[]): number[] {
  return values.map((v) => (v > 0 ? v : NaN));
}

/** True when two data sets hold the same numbers: feeding the same data again would only redraw for nothing. */
export function sameData(a: uPlot.AlignedData, b: uPlot.AlignedData): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let c = 0; c < a.length; c++) {
    const ca = a[c]!;
    const cb = b[c]!;
    if (ca.length !== cb.length) return false;
    for (let i = 0; i < ca.length; i++) if (!Object.is(ca[i], cb[i])) return false;
  }
  return true;
}
