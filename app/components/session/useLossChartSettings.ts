"use client";

import { useCallback, useState } from "react";

/** What a viewer chose for the loss charts: smoothing, log scale, the recon/KL split, runs switched off. */
export function useLossChartSettings() {
  const [smoothing, setSmoothing] = useState(0.6);
  const [log, setLog] = useState(false);
  const [split, setSplit] = useState(false);
  const [hiddenRunIds, setHiddenRunIds] = useState<ReadonlySet<string>>(() => new Set());
  const toggleRun = useCallback((runId: string) => {
    setHiddenRunIds((hidden) => {
      const next = new Set(hidden);
      if (!next.delete(runId)) next.add(runId);
      return next;
    });
  }, []);
  return { smoothing, setSmoothing, log, setLog, split, setSplit, hiddenRunIds, toggleRun };
}

export type LossChartSettingsState = ReturnType<typeof useLossChartSettings>;
