"use client";

import { useEffect, useState } from "react";
import { fetchLatent } from "../client/api";
import type { LiveLatent, LiveRun } from "../client/sessionState";

export interface EpochLatent {
  /** The scatter shown (null before the first epoch ends). */
  latent: LiveLatent | null;
  loading: boolean;
  error: string | null;
}

/** Scatters fetched over HTTP kept per run (older epochs than the snapshot holds: a slider scrubbed far back). */
const CACHE_EPOCHS = 10;

/** `cache` with `latent` added, the oldest entry dropped past CACHE_EPOCHS. */
function cached(
  cache: ReadonlyMap<number, LiveLatent>,
  epoch: number,
  latent: LiveLatent,
): ReadonlyMap<number, LiveLatent> {
  const next = new Map(cache).set(epoch, latent);
  const oldest = next.keys().next();
  if (next.size > CACHE_EPOCHS && !oldest.done) next.delete(oldest.value);
  return next;
}

/**
 * One run's latent scatter at a chosen epoch. `epoch === null` follows the newest as it arrives; an epoch the live
 * state holds (the newest SNAPSHOT_LATENT_EPOCHS) is shown at once; an older one is fetched over HTTP, and while it
 * loads the last picture stays up.
 */
export function useEpochLatent(sessionId: string, run: LiveRun, epoch: number | null): EpochLatent {
  const [cache, setCache] = useState<ReadonlyMap<number, LiveLatent>>(() => new Map());
  const [failed, setFailed] = useState<{ epoch: number; message: string } | null>(null);
  const [lastShown, setLastShown] = useState<LiveLatent | null>(null);
  const runId = run.view.id;
  const held =
    epoch === null
      ? (run.latent.at(-1) ?? null)
      : (run.latent.find((l) => l.epoch === epoch) ?? cache.get(epoch) ?? null);
  const missing = epoch !== null && held === null && run.latentEpochs.includes(epoch);
  const fetching = missing ? epoch : null;

  useEffect(() => {
    if (fetching === null) return;
    let cancelled = false;
    fetchLatent(sessionId, runId, fetching)
      .then((l) => {
        if (cancelled) return;
        setCache((c) => cached(c, fetching, l));
        setFailed(null);
      })
      .catch((err: unknown) => {
        if (!cancelled)
          setFailed({
            epoch: fetching,
            message: err instanceof Error ? err.message : "Could not load that epoch's scatter.",
          });
      });
    return () => {
      cancelled = true;
    };
  }, [sessionId, runId, fetching]);

  // Remember the picture on screen (a render-time update: React re-renders at once, before painting).
  if (held && held !== lastShown) setLastShown(held);
  const error = missing && failed?.epoch === epoch ? failed.message : null;
  return { latent: held ?? lastShown, loading: missing && error === null, error };
}
