import type { Logger } from "pino";
import type { RunRecord } from "../repositories/types";
import type { RunEventSink } from "../scheduler/types";

const FINAL: ReadonlySet<RunRecord["status"]> = new Set(["done", "stopped", "failed"]);

/**
 * One info line each time a run's status changes (`run training`, `run paused`, `run done`, …) with its session and
 * run ids, so a run can be followed through the log. Fed every record the scheduler or a trainer writes; records
 * whose status did not change (a backend update) write nothing.
 */
export function runLifecycleLog(log: Pick<Logger, "info">): (run: RunRecord) => void {
  const last = new Map<string, RunRecord["status"]>();
  return (run) => {
    if (last.get(run.id) === run.status) return;
    if (FINAL.has(run.status)) last.delete(run.id);
    else last.set(run.id, run.status);
    const fields = {
      sessionId: run.sessionId,
      runId: run.id,
      runIndex: run.index,
      preset: run.preset,
      status: run.status,
    };
    log.info(run.error ? { ...fields, error: run.error } : fields, `run ${run.status}`);
  };
}

/** A run sink (the rooms) that also hands every run record to the run lifecycle log. */
export function withRunLog(rooms: RunEventSink, logRun: (run: RunRecord) => void): RunEventSink {
  return {
    beforeStart: (run) => rooms.beforeStart(run),
    workerEvent: (run, event) => rooms.workerEvent(run, event),
    runChanged: (run) => {
      logRun(run);
      rooms.runChanged(run);
    },
    queueChanged: () => rooms.queueChanged(),
    afterEnd: (run) => rooms.afterEnd(run),
  };
}
