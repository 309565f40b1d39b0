import type { LiveRun } from "../../client/sessionState";
import { ema } from "../charts/chartMath";
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

/** Train loss per step: the faint raw line under the smoothed one, and smoothed recon / KL when split. */
export function stepChartModel(runs: readonly LiveRun[], { smoothing, split, log }: LossChartSettings): ChartModel {
  return joined(
    runs.map((run) => {
      const lines = linesOf(run, runs.length > 1, log);
      const raw = run.steps.map((p) => p.loss);
      if (smoothing > 0) lines.add("raw", raw, { faint: true });
      lines.add("loss", ema(raw, smoothing));
      if (split) {
        lines.add(
          "recon",
          ema(
            run.steps.map((p) => p.recon),
            smoothing,
          ),
          { style: "dashed" },
        );
        lines.add(
          "KL",
          ema(
            run.steps.map((p) => p.kl),
            smoothing,
          ),
          { style: "dotted" },
        );
      }
      return lines.at(run.steps.map((p) => p.globalStep));
    }),
  );
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
