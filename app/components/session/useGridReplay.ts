"use client";

import { useEffect, useState } from "react";
import type { LiveRun } from "../../client/sessionState";
import { useEpochGrids } from "../../hooks/useEpochGrids";

/**
 * The replay's next stop after `picked` (null: live): the next epoch, or null (back to live) at the newest, which
 * live shows anyway.
 */
export function nextReplayStop(epochs: readonly number[], picked: number | null): number | null {
  const i = picked === null ? -1 : epochs.indexOf(picked);
  const next = epochs[i + 1];
  return next === undefined || i + 1 >= epochs.length - 1 ? null : next;
}

/** A run's grids at the epoch picked on the slider, and a replay that steps through the epochs once. */
export function useGridReplay(sessionId: string, run: LiveRun) {
  // null = follow the newest epoch as it arrives; a number = the user scrubbed to that epoch.
  const [picked, setPicked] = useState<number | null>(null);
  const [replaying, setReplaying] = useState(false);
  const epochs = run.gridEpochs;
  const { grids, epoch, loading, error } = useEpochGrids(sessionId, run, picked);

  // Replay: step through the epochs once (waiting for each epoch's grids), then follow live again.
  useEffect(() => {
    if (!replaying || loading) return;
    const timer = setTimeout(
      () => {
        const next = nextReplayStop(epochs, picked);
        setPicked(next);
        if (next === null) setReplaying(false);
      },
      picked === null ? 0 : 700,
    );
    return () => clearTimeout(timer);
  }, [replaying, loading, picked, epochs]);

  return {
    picked,
    replaying,
    grids,
    epoch,
    loading,
    error,
    toggleReplay: () => {
      if (!replaying) setPicked(null);
      setReplaying(!replaying);
    },
    pick: (e: number | null) => {
      setReplaying(false);
      setPicked(e);
    },
  };
}
