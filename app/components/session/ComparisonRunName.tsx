import type { LiveRun } from "../../client/sessionState";
import { RunSwatch } from "./RunSwatch";
import { presetLabel } from "./runText";

/** A run's name in the comparison: its colour, its preset and the epoch it was evaluated at. */
export function ComparisonRunName({ run }: { run: LiveRun }) {
  const epoch = run.evaluation?.row.epoch;
  return (
    <span className="flex items-center gap-2">
      <RunSwatch index={run.view.index} />
      {presetLabel(run.view.preset)}
      {epoch != null && <span className="text-xs text-slate-400">epoch {epoch}</span>}
    </span>
  );
}
