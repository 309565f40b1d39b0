import type { RunView } from "../../../lib/contracts/session";
import type { Progress } from "../../../lib/contracts/training";
import { runColor } from "../ui";
import { progressFraction, progressText } from "./runText";

/** The run's progress bar in its colour (amber while paused), read out as the progress text. */
export function RunProgressBar({
  view,
  progress,
  epochCount,
  label,
}: {
  view: RunView;
  progress: Progress | null;
  epochCount: number;
  label: string;
}) {
  const fraction = progressFraction(view, progress);
  return (
    <div
      data-testid="progress"
      data-run-id={view.id}
      data-fraction={fraction.toFixed(3)}
      role="progressbar"
      aria-label={`${label} progress`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(fraction * 100)}
      aria-valuetext={progressText(view, progress, epochCount)}
      className="mt-3 h-2.5 overflow-hidden rounded-full bg-slate-800"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-500 ${view.status === "paused" ? "bg-amber-400" : ""}`}
        style={{
          width: `${fraction * 100}%`,
          background: view.status === "paused" ? undefined : runColor(view.index),
        }}
      />
    </div>
  );
}
