"use client";

import { useEffect, useMemo, useState } from "react";
import { fetchGrids } from "../client/api";
import type { LiveGrid, LiveRun } from "../client/sessionState";

export interface EpochGrids {
  grids: LiveGrid[];
  /** Epoch of the grids shown. */
  epoch: number | null;
  loading: boolean;
  error: string | null;
}

/** What is on screen: the live grids, or a fetched epoch's. */
type Shown = "live" | number;

/**
 * Grids of one run at a chosen epoch. `epoch === null` follows the live (latest) grids; older epochs are
 * fetched over HTTP once and cached for scrubbing back and forth.
 */
export function useEpochGrids(sessionId: string, run: LiveRun, epoch: number | null): EpochGrids {
  const [cache, setCache] = useState<ReadonlyMap<number, LiveGrid[]>>(() => new Map());
  const [failed, setFailed] = useState<{ epoch: number; message: string } | null>(null);
  const [shown, setShown] = useState<Shown>("live");
  const runId = run.view.id;

  const live = useMemo(() => Object.values(run.grids), [run.grids]);
  const liveEpoch = live.reduce<number | null>((m, g) => (m === null || g.epoch > m ? g.epoch : m), null);
  const wanted = epoch !== null && epoch !== liveEpoch ? epoch : null; // an older epoch, to fetch
  const cached = wanted === null ? undefined : cache.get(wanted);

  useEffect(() => {
    if (wanted === null || cache.has(wanted)) return;
    let cancelled = false;
    fetchGrids(sessionId, runId, wanted)
      .then((grids) => {
        if (cancelled) return;
        setCache((old) => new Map(old).set(wanted, grids));
        setFailed(null);
      })
      .catch((err: unknown) => {
        if (!cancelled)
          setFailed({
            epoch: wanted,
            message: err instanceof Error ? err.message : "Could not load that epoch's grids.",
          });
      });
    return () => {
      cancelled = true;
    };
  }, [sessionId, runId, wanted, cache]);

  // Remember what is on screen (a render-time update: React re-renders at once, before painting).
  const now: Shown | null = wanted === null ? "live" : cached ? wanted : null;
  if (now !== null && now !== shown) setShown(now);

  if (now === "live") return { grids: live, epoch: liveEpoch, loading: false, error: null };
  if (cached && wanted !== null) return { grids: cached, epoch: wanted, loading: false, error: null };
  // While an older epoch loads, keep showing the last picture (not the live one: scrubbing and
  // replay would flash the newest epoch between steps).
  const error = failed?.epoch === wanted ? failed.message : null;
  const previous = shown === "live" ? undefined : { grids: cache.get(shown), epoch: shown };
  return previous?.grids
    ? { grids: previous.grids, epoch: previous.epoch, loading: error === null, error }
    : { grids: live, epoch: liveEpoch, loading: error === null, error };
}
