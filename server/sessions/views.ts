import type { CheckpointView, RunView, SessionView } from "../../lib/contracts/session";
import type { CheckpointSummary, RunRecord, SessionRecord } from "../repositories/types";

/** Records (persistence shapes) -> views (wire shapes). Pure. */

export function toRunView(run: RunRecord, queuePosition: number | undefined): RunView {
  const view: RunView = {
    id: run.id,
    index: run.index,
    preset: run.preset,
    config: run.config,
    status: run.status,
    createdAt: run.createdAt.toISOString(),
  };
  if (run.status === "queued" && queuePosition !== undefined) view.queuePosition = queuePosition;
  if (run.backend) view.backend = run.backend;
  if (run.error) view.error = run.error;
  return view;
}

export function toSessionView(
  session: SessionRecord,
  runs: RunRecord[],
  queuePosition: (runId: string) => number | undefined,
): SessionView {
  return {
    id: session.id,
    title: session.title,
    dataset: session.dataset,
    createdAt: session.createdAt.toISOString(),
    runs: [...runs].sort((a, b) => a.index - b.index).map((r) => toRunView(r, queuePosition(r.id))),
  };
}

export function toCheckpointView(c: CheckpointSummary): CheckpointView {
  return {
    id: c.id,
    runId: c.runId,
    epoch: c.epoch,
    createdAt: c.createdAt.toISOString(),
    decoderBytes: c.decoderBytes,
  };
}
