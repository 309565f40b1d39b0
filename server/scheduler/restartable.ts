import type { RunRecord } from "../repositories/types";

/**
 * Why a run that is not queued cannot be started again, or null when it can: interrupted, stopped and failed
 * runs continue from their latest checkpoint, so they need one that is not already the last epoch.
 */
export function restartBlocker(run: RunRecord, lastCheckpointEpoch: number | undefined): string | null {
  if (!["interrupted", "stopped", "failed"].includes(run.status)) return `cannot start a run that is ${run.status}`;
  if (lastCheckpointEpoch === undefined || lastCheckpointEpoch >= run.config.epochs) {
    return `cannot restart a ${run.status} run without a checkpoint to continue from`;
  }
  return null;
}
