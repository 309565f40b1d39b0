import type { ControlAction, RunView } from "../../../lib/contracts/session";

/** Which actions make sense for a run in this status. */
export function actionsFor(run: Pick<RunView, "status" | "queuePosition">): ControlAction[] {
  switch (run.status) {
    case "training":
      return ["pause", "stop"];
    case "paused":
      return ["resume", "stop"];
    case "queued":
      // Runs created without autostart wait for the owner; queued ones with a position wait for a trainer.
      return run.queuePosition === undefined ? ["start", "stop"] : ["stop"];
    default:
      return [];
  }
}

export const ACTION_LABELS: Record<ControlAction, string> = {
  start: "Start",
  pause: "Pause",
  resume: "Resume",
  stop: "Stop",
  delete: "Delete",
};
