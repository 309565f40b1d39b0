"use client";

import { useEffect, useRef, useState } from "react";
import { fetchGrids } from "../client/api";
import type { LiveGrid, LiveRun } from "../client/sessionState";

export interface EpochGrids {
  grids: LiveGrid[];
  /** Epoch of the grids shown. */
  epoch: number | null;
  loading: boolean;
  error: string | null;
}

/**
 * Grids of one run at a chosen epoch. `epoch === null` follows the live (latest) grids; older epochs are
 * fetched over HTTP once and cached for scrubbing back and forth.
 */
export function useEpochGrids(sessionId: string, run: LiveRun, epoch: number | null): EpochGrids {
  const cache = useRef(new Map<number, LiveGrid[]>());
  const lastShown = useRef<EpochGrids | null>(null);
  const [, force] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const runId = run.view.id;

  const live = Object.values(run.grids).filter((g): g is LiveGrid => g !== undefined);
  const liveEpoch = live.reduce<number | null>((m, g) => (m === null || g.epoch > m ? g.epoch : m), null);
  const wantsHistory = epoch !== null && epoch !== liveEpoch;

  useEffect(() => {
    if (!wantsHistory || epoch === null || cache.current.has(epoch)) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    fetchGrids(sessionId, runId, epoch)
      .then((grids) => {
        if (cancelled) return;
        cache.current.set(epoch, grids);
        force((n) => n + 1);
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? err.message : "Could not load that epoch's grids.");
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [sessionId, runId, epoch, wantsHistory]);

  let result: EpochGrids;
  if (!wantsHistory) {
    result = { grids: live, epoch: liveEpoch, loading: false, error: null };
  } else {
    const cached = cache.current.get(epoch);
    if (cached) {
      result = { grids: cached, epoch, loading: false, error: null };
    } else {
      // While an older epoch loads, keep showing the last picture (not the live one: scrubbing and
      // replay would flash the newest epoch between steps).
      const shown = lastShown.current;
      return { grids: shown?.grids ?? live, epoch: shown?.epoch ?? liveEpoch, loading, error };
    }
  }
  lastShown.current = result;
  return result;
}
