import type uPlot from "uplot";
import { formatTick } from "../format";
import { logTicks, paddedExtent } from "./chartMath";
import type { ChartLine } from "./chartModel";

/**
 * uPlot options for our dark panels from a chart's lines: colours, dashes, a log or linear y axis, drag
 * to zoom on x. Only plain objects and functions: no DOM, so it is unit-tested in Node.
 */

export interface ChartOptionsInput {
  lines: readonly ChartLine[];
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  log: boolean;
  /** Integer x ticks only (epochs). */
  integerX?: boolean;
  /** Whether the x range follows the data (false while the viewer has zoomed in). */
  followData: () => boolean;
  hooks: uPlot.Hooks.Arrays;
}

const FONT = "11px ui-sans-serif, system-ui, sans-serif";
/** slate-400 on the panel: 7:1, the same grey as the old SVG axes. */
const AXIS_TEXT = "#94a3b8";
const GRID = "#1e293b";
const DASHES = { dashed: [6, 4], dotted: [2, 3] } as const;

function lineSeries(line: ChartLine): uPlot.Series {
  return {
    label: line.label,
    stroke: line.faint ? `${line.color}40` : line.color,
    width: line.faint ? 1 : 1.75,
    ...(line.style ? { dash: [...DASHES[line.style]] } : {}),
    // Markers only while they stay apart (uPlot's own density test decides when `show` is left unset).
    points: line.markers ? { size: 6, fill: line.color, stroke: line.color } : { show: false },
  };
}

function axis(label: string, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    label,
    stroke: AXIS_TEXT,
    font: FONT,
    labelFont: FONT,
    grid: { stroke: GRID, width: 1 },
    ticks: { stroke: GRID, width: 1, size: 4 },
    // uPlot passes null for ticks its filter dropped, though its type says number[].
    values: (_u, splits: (number | null)[]) => splits.map((v) => (v == null ? "" : formatTick(v))),
    ...extra,
  };
}

export function chartOptions(input: ChartOptionsInput): uPlot.Options {
  const { log } = input;
  return {
    width: input.width,
    height: input.height,
    legend: { show: false },
    // A vertical crosshair only: the readout gives every line's value at that x, a horizontal line would add nothing.
    cursor: { y: false, drag: { x: true, y: false, setScale: true }, points: { size: 7 } },
    scales: {
      x: { time: false, auto: () => input.followData() },
      y: {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- uPlot.Scale.Distr is an ambient const enum, which isolatedModules code cannot name: 3 is Logarithmic, 1 Linear
        distr: log ? 3 : 1,
        log: 10,
        range: (_u, min, max) => paddedExtent([min, max], log) ?? [min, max],
      },
    },
    axes: [
      // Ticks 40 px apart at least (uPlot's default is 50): a phone still gets three or four.
      axis(input.xLabel, {
        size: 36,
        labelSize: 18,
        space: 40,
        ...(input.integerX ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] } : {}),
      }),
      axis(input.yLabel, {
        size: 42,
        labelSize: 18,
        gap: 4,
        ...(log ? { splits: (_u, _i, min, max) => logTicks(min, max) } : {}),
      }),
    ],
    series: [{ label: input.xLabel }, ...input.lines.map(lineSeries)],
    hooks: input.hooks,
  };
}
