import type { WorkerEvent } from "../../lib/contracts/training";

/** The events that carry a run's results (progress, epochs, grids, checkpoints, and what later ones add). */
export type DataWorkerEvent = Exclude<WorkerEvent, { type: "ready" | "error" | "status" | "done" }>;

/**
 * One policy for whoever runs a training job (the embedded scheduler, a trainer process): the backend is recorded
 * when the worker is ready, its last error is kept for the run's failure message, its own status events are ignored
 * — the runner writes statuses itself, which avoids races between an owner's command and a late worker message —
 * and every data event goes on to be published.
 */
export function routeWorkerEvent(
  e: WorkerEvent,
  on: { ready(backend: string): void; error(message: string): void; data(event: DataWorkerEvent): void },
): void {
  switch (e.type) {
    case "ready": {
      on.ready(e.backend);
      return;
    }
    case "error": {
      on.error(e.message);
      return;
    }
    case "status":
    case "done":
      return;
    default: {
      on.data(e);
      return;
    }
  }
}
