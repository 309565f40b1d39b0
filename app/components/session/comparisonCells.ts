import type { LiveRun } from "../../client/sessionState";
import { formatNats } from "../format";
import { comparisonGroups, holeText, iwaeText, labelAccuracyText } from "./comparisonText";

export type Groups = ReturnType<typeof comparisonGroups>;

/** The measure columns a table with these groups shows, in order. */
export function columnNames(g: Groups): string[] {
  return [
    "−log p(x)",
    "−ELBO",
    "recon / KL",
    ...(g.label ? ["Label accuracy"] : []),
    ...(g.inpaint ? ["Hole error"] : []),
    "Took",
  ];
}

/** A run's measures in column order, or null while it has no evaluation. */
export function runCells(run: LiveRun, g: Groups): { label: string; value: string }[] | null {
  const e = run.evaluation;
  if (!e) return null;
  const r = e.row;
  const values = [
    iwaeText(r),
    formatNats(r.testNegElbo),
    `${formatNats(r.testRecon)} / ${formatNats(r.testKl)}`,
    ...(g.label ? [labelAccuracyText(r)] : []),
    ...(g.inpaint ? [holeText(r)] : []),
    `${e.seconds.toFixed(1)} s`,
  ];
  const names = columnNames(g);
  return values.map((value, i) => ({ label: names[i]!, value }));
}

/** Why a run has no numbers yet. */
export function pendingText(status: LiveRun["view"]["status"]): string {
  if (status === "done") return "not evaluated";
  return ["queued", "training", "paused"].includes(status)
    ? "evaluated when the run finishes"
    : "not evaluated: the run did not finish";
}
