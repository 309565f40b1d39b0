import { alignTables, gapped, type Column, type XYTable } from "./chartModel";

/** What the aligned columns were last built from: each table by identity, and how many of its rows are in. */
interface Source {
  table: XYTable;
  rows: number;
  lines: number;
  /** Its first column among the aligned ones. */
  column: number;
}

/**
 * `alignTables` for live data: while every table is the same object as last time, grown only at its end
 * (a run's new points), the new rows are merged into the kept columns in place — a binary search and, when
 * another run is ahead, one splice per column — instead of joining thousands of points again at every
 * update. Anything else (a table replaced, one more or fewer) aligns from scratch.
 *
 * The columns are then shared with the last result: `update` returns a new outer array whenever anything
 * changed, so identity says "new data", but the arrays inside it are the kept ones.
 */
export class AlignedTables {
  private sources: Source[] = [];
  private data: [number[], ...Column[]] = [[]];

  update(tables: readonly XYTable[]): [number[], ...Column[]] {
    if (!this.canExtend(tables)) return this.rebuild(tables);
    let changed = false;
    for (const source of this.sources) {
      const rows = source.table.xs.length;
      for (let i = source.rows; i < rows; i++) this.insertRow(source, i);
      changed ||= rows !== source.rows;
      source.rows = rows;
    }
    if (changed) this.data = [this.data[0], ...this.data.slice(1)];
    return this.data;
  }

  private canExtend(tables: readonly XYTable[]): boolean {
    return (
      tables.length === this.sources.length &&
      tables.every((t, k) => {
        const s = this.sources[k]!;
        // Same object, never shorter, and the same number of lines (columns are kept per line).
        return t === s.table && t.xs.length >= s.rows && t.ys.length === s.lines;
      })
    );
  }

  private rebuild(tables: readonly XYTable[]): [number[], ...Column[]] {
    const { xs, columns } = alignTables(tables);
    let column = 0;
    this.sources = tables.map((table) => {
      const source = { table, rows: table.xs.length, lines: table.ys.length, column };
      column += table.ys.length;
      return source;
    });
    this.data = [xs, ...columns];
    return this.data;
  }

  /** Puts row `i` of a source's table at its x: on the slot with that x, or a new slot in order. */
  private insertRow(source: Source, i: number) {
    const [xs, ...columns] = this.data;
    const x = source.table.xs[i]!;
    const at = slotFor(xs, x);
    if (xs[at] !== x) {
      if (at === xs.length) {
        xs.push(x);
        for (const column of columns) column.push(undefined);
      } else {
        xs.splice(at, 0, x);
        for (const column of columns) column.splice(at, 0, undefined);
      }
    }
    source.table.ys.forEach((ys, j) => {
      columns[source.column + j]![at] = gapped(ys[i]);
    });
  }
}

/** The first index whose x is not below `x` (new points land at or near the end: checked first). */
function slotFor(xs: readonly number[], x: number): number {
  const n = xs.length;
  if (n === 0 || xs[n - 1]! < x) return n;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
