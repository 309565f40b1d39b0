"use client";

import { useEffect, useRef, useState } from "react";
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

/**
 * One run's latent scatter at a chosen epoch. `epoch === null` follows the newest as it arrives; an epoch the live
 * state holds (the newest SNAPSHOT_LATENT_EPOCHS) is shown at once; an older one is fetched over HTTP, and while it
 * loads the last picture stays up.
 */
export function useEpochLatent(sessionId: string, run: LiveRun, epoch: number | null): EpochLatent {
  const cache = useRef(new Map<number, LiveLatent>());
  const lastShown = useRef<LiveLatent | null>(null);
  const [, force] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const runId = run.view.id;
  const held = epoch === null ? (run.latent.at(-1) ?? null) : (run.latent.find((l) => l.epoch === epoch) ?? cache.current.get(epoch) ?? null);
  const missing = epoch !== null && held === null && run.latentEpochs.includes(epoch);

  useEffect(() => {
    if (!missing || epoch === null) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    fetchLatent(sessionId, runId, epoch)
      .then((l) => {
        if (cancelled) return;
        const c = cache.current;
        c.set(epoch, l);
        if (c.size > CACHE_EPOCHS) c.delete(c.keys().next().value!);
        force((n) => n + 1);
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? err.message : "Could not load that epoch's scatter.");
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [sessionId, runId, epoch, missing]);

  if (held) lastShown.current = held;
  return { latent: held ?? lastShown.current, loading: missing && loading, error: missing ? error : null };
}
