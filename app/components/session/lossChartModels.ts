import type { LiveRun } from "../../client/sessionState";
import type { StepPoint } from "../../../lib/contracts/session";
import { EmaState } from "../charts/chartMath";
import { AlignedTables } from "../charts/alignedTables";
import { alignTables, forLogAxis, type ChartLine, type ChartModel, type XYTable } from "../charts/chartModel";
import { runColor } from "../ui";
import { presetLabel } from "./runText";

/**
 * What the two loss charts draw, from the live runs: pure, so smoothing, the recon/KL split, log-axis
 * gaps and the alignment of several runs are tested without a browser.
 */

export interface LossChartSettings {
  /** EMA weight for the per-step lines (0 = raw). */
  smoothing: number;
  /** Add recon and KL beside the total. */
  split: boolean;
  log: boolean;
}

type RunLines = { table: XYTable; lines: ChartLine[] };

/** Collects one run's lines; labels start with the model's name when several runs share the axes. */
function linesOf(run: LiveRun, several: boolean, log: boolean) {
  const color = runColor(run.view.index);
  const prefix = several ? `${presetLabel(run.view.preset)} ` : "";
  const lines: ChartLine[] = [];
  const ys: number[][] = [];
  return {
    add(kind: string, values: number[], extra: Partial<ChartLine> = {}) {
      lines.push({
        key: `${run.view.id}-${kind}`,
        runId: run.view.id,
        label: `${prefix}${kind}`,
        kind,
        color,
        ...extra,
      });
      ys.push(log ? forLogAxis(values) : values);
    },
    at(xs: readonly number[]): RunLines {
      return { table: { xs, ys }, lines };
    },
  };
}

function joined(parts: RunLines[]): ChartModel {
  const { xs, columns } = alignTables(parts.map((p) => p.table));
  return { lines: parts.flatMap((p) => p.lines), data: [xs, ...columns] };
}

type StepField = "loss" | "recon" | "kl";
/** One line of a run on the step chart: which number of each point, smoothed or not. */
type StepLineSpec = { kind: string; field: StepField; smooth: boolean; extra?: Partial<ChartLine> };

/** The faint raw line under the smoothed one, and smoothed recon / KL when split. */
function stepLineSpecs({ smoothing, split }: LossChartSettings): StepLineSpec[] {
  const smooth = smoothing > 0;
  return [
    ...(smooth ? [{ kind: "raw", field: "loss", smooth: false, extra: { faint: true } } as const] : []),
    { kind: "loss", field: "loss", smooth },
    ...(split
      ? ([
          { kind: "recon", field: "recon", smooth, extra: { style: "dashed" } },
          { kind: "KL", field: "kl", smooth, extra: { style: "dotted" } },
        ] as const)
      : []),
  ];
}

/** One run's step lines as built so far, extended point by point while the run only grows. */
interface RunStepTable {
  steps: readonly StepPoint[];
  settings: string;
  several: boolean;
  table: { xs: number[]; ys: number[][] };
  lines: ChartLine[];
  emas: EmaState[];
}

/**
 * What the step chart keeps between live updates: per run its lines so far, and the runs' points aligned
 * on one x axis. The reducer makes a new steps array at every point, but one that starts with the same
 * point objects: only the new points need smoothing and a slot on the axis.
 */
export interface StepModelCache {
  runs: Map<string, RunStepTable>;
  aligned: AlignedTables;
  lines: { parts: readonly ChartLine[][]; all: ChartLine[] } | null;
}

export function createStepModelCache(): StepModelCache {
  return { runs: new Map(), aligned: new AlignedTables(), lines: null };
}

/** Whether `next` is `prev` with points appended (the reducer never edits a point in place). */
function extendsSteps(prev: readonly StepPoint[], next: readonly StepPoint[]): boolean {
  const n = prev.length;
  return n > 0 && next.length >= n && next[0] === prev[0] && next[n - 1] === prev[n - 1];
}

function runStepTable(run: LiveRun, several: boolean, settings: LossChartSettings, cached?: RunStepTable) {
  // Everything the lines' looks and values depend on besides the points: a change rebuilds the run's table.
  const key = `${run.view.index}|${run.view.preset}|${settings.smoothing}|${settings.split}|${settings.log}`;
  const specs = stepLineSpecs(settings);
  let t = cached;
  if (!t || t.settings !== key || t.several !== several || !extendsSteps(t.steps, run.steps)) {
    const lines = linesOf(run, several, settings.log);
    for (const spec of specs) lines.add(spec.kind, [], spec.extra);
    const { lines: chartLines, table } = lines.at([]);
    t = {
      steps: [],
      settings: key,
      several,
      table: { xs: [], ys: table.ys.map((): number[] => []) },
      lines: chartLines,
      emas: specs.map(() => new EmaState(settings.smoothing)),
    };
  }
  const { xs, ys } = t.table;
  for (let i = t.steps.length; i < run.steps.length; i++) {
    const p = run.steps[i]!;
    xs.push(p.globalStep);
    specs.forEach((spec, j) => {
      const v = spec.smooth ? t.emas[j]!.next(p[spec.field]) : p[spec.field];
      ys[j]!.push(settings.log && !(v > 0) ? NaN : v);
    });
  }
  t.steps = run.steps;
  return t;
}

/**
 * Train loss per step: the faint raw line under the smoothed one, and smoothed recon / KL when split.
 * With a `cache` (one per chart), a live update smooths only the points that arrived since the last call.
 */
export function stepChartModel(
  runs: readonly LiveRun[],
  settings: LossChartSettings,
  cache: StepModelCache = createStepModelCache(),
): ChartModel {
  const tables = runs.map((run) => runStepTable(run, runs.length > 1, settings, cache.runs.get(run.view.id)));
  cache.runs.clear();
  runs.forEach((run, i) => cache.runs.set(run.view.id, tables[i]!));
  const parts = tables.map((t) => t.lines);
  // The same lines as last time stay the same array: the chart then knows nothing but the data changed.
  if (!cache.lines || parts.length !== cache.lines.parts.length || parts.some((p, i) => p !== cache.lines!.parts[i]))
    cache.lines = { parts, all: parts.flat() };
  return { lines: cache.lines.all, data: cache.aligned.update(tables.map((t) => t.table)) };
}

/** Test −ELBO per epoch (never smoothed: one point per epoch), with test recon / KL when split. */
export function epochChartModel(
  runs: readonly LiveRun[],
  { split, log }: Pick<LossChartSettings, "split" | "log">,
): ChartModel {
  return joined(
    runs.map((run) => {
      const lines = linesOf(run, runs.length > 1, log);
      lines.add(
        "−ELBO",
        run.epochs.map((e) => e.testNegElbo),
        { markers: true },
      );
      if (split) {
        lines.add(
          "recon",
          run.epochs.map((e) => e.testRecon),
          { style: "dashed", markers: true },
        );
        lines.add(
          "KL",
          run.epochs.map((e) => e.testKl),
          { style: "dotted", markers: true },
        );
      }
      return lines.at(run.epochs.map((e) => e.epoch));
    }),
  );
}
