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

/** A line's y values on the shared x: a number, `null` for a gap, `undefined` where the line has no point. */
export type Column = (number | null | undefined)[];

/**
 * Joins tables with different x values (two runs report different steps) onto the union of their x.
 * Where a table has no point at an x its columns hold `undefined` — uPlot's "alignment artifact": the
 * line continues through it and the cursor skips it — while a non-finite value becomes `null`, a real
 * gap in the line.
 */
export function alignTables(tables: readonly XYTable[]): { xs: number[]; columns: Column[] } {
  if (tables.length === 1) return { xs: [...tables[0]!.xs], columns: tables[0]!.ys.map((ys) => ys.map(gapped)) };
  // A k-way merge of the ascending x lists (k = runs, a handful): one pass, no sort, every column filled in order.
  const xs: number[] = [];
  const columns: Column[] = tables.flatMap((t) => t.ys.map((): Column => []));
  const next = tables.map(() => 0);
  for (;;) {
    let x = Infinity;
    for (let k = 0; k < tables.length; k++) {
      const v = tables[k]!.xs[next[k]!];
      if (v !== undefined && v < x) x = v;
    }
    if (x === Infinity) break;
    xs.push(x);
    let c = 0;
    for (let k = 0; k < tables.length; k++) {
      const t = tables[k]!;
      let i = next[k]!;
      const here = t.xs[i] === x;
      // A table's repeated x lands on one slot, the last value winning.
      if (here) while (t.xs[i + 1] === x) i++;
      for (const ys of t.ys) columns[c++]!.push(here ? gapped(ys[i]) : undefined);
      if (here) next[k] = i + 1;
    }
  }
  return { xs, columns };
}

/** A non-finite value becomes `null`: a real gap in the line. */
export function gapped(v: number | undefined): number | null | undefined {
  return v === undefined || Number.isFinite(v) ? v : null;
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
