import type { RunView } from "../../../lib/contracts/session";

const STYLES: Record<RunView["status"], string> = {
  queued: "bg-slate-700/60 text-slate-200 border-slate-600",
  training: "bg-sky-500/15 text-sky-300 border-sky-700",
  paused: "bg-amber-500/15 text-amber-300 border-amber-700",
  done: "bg-emerald-500/15 text-emerald-300 border-emerald-700",
  stopped: "bg-slate-700/40 text-slate-300 border-slate-600",
  failed: "bg-rose-500/15 text-rose-300 border-rose-800",
  interrupted: "bg-orange-500/15 text-orange-300 border-orange-800",
};

/** "queued, position 2" / "training" / "paused" … with a colour per status. */
export function statusText(run: Pick<RunView, "status" | "queuePosition">): string {
  if (run.status === "queued" && run.queuePosition !== undefined) return `queued, position ${run.queuePosition}`;
  return run.status;
}

export function RunStatusBadge({ run }: { run: Pick<RunView, "status" | "queuePosition"> }) {
  return (
    <span
      data-testid="run-status"
      data-status={run.status}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[run.status]}`}
    >
      {run.status === "training" && (
        <span aria-hidden="true" className="h-1.5 w-1.5 animate-pulse rounded-full bg-sky-400" />
      )}
      {statusText(run)}
    </span>
  );
}
