import type { Repositories, RunRecord } from "../repositories/types";
import type { RunEventSink } from "./types";

export interface RecoveryResult {
  resumed: string[];
  interrupted: string[];
  queued: string[];
}

/**
 * Restart recovery: runs left "training"/"paused" by a previous process continue from their latest
 * checkpoint (paused ones stay paused) or become "interrupted" when they have none; runs that were waiting in the
 * queue are queued again in the order they entered it. "queued" runs that never entered it (created without
 * autostart) keep waiting for their owner's start. Runs with every epoch checkpointed only lost their final
 * status write and become "done". The scheduler calls this inside its critical section.
 */
export async function recoverRuns(
  repos: Repositories,
  sink: RunEventSink,
  queue: {
    requeue: (run: RunRecord, startPaused: boolean) => Promise<RunRecord>;
    isScheduled: (runId: string) => boolean;
  },
): Promise<RecoveryResult> {
  const result: RecoveryResult = { resumed: [], interrupted: [], queued: [] };
  for (const run of await repos.runs.listByStatus(["training", "paused"])) {
    const last = (await repos.checkpoints.list(run.id)).at(-1);
    if (!last) {
      const updated = await repos.runs.update(run.id, {
        status: "interrupted",
        error: "the server restarted before the first checkpoint",
        finishedAt: new Date(),
      });
      sink.runChanged(updated);
      result.interrupted.push(run.id);
    } else if (last.epoch >= run.config.epochs) {
      sink.runChanged(await repos.runs.update(run.id, { status: "done", finishedAt: new Date() }));
    } else {
      const updated = await repos.runs.update(run.id, { status: "queued" });
      await queue.requeue(updated, run.status === "paused");
      result.resumed.push(run.id);
    }
  }
  const waiting = (await repos.runs.listByStatus(["queued"])).filter((r) => r.queuedAt !== null);
  waiting.sort((a, b) => a.queuedAt!.getTime() - b.queuedAt!.getTime());
  for (const run of waiting) {
    if (queue.isScheduled(run.id)) continue;
    await queue.requeue(run, false);
    result.queued.push(run.id);
  }
  return result;
}
