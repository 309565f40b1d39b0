"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { BackendChoice } from "../../../lib/play/backend";
import type { LoadProgress, PlayModel } from "../../../lib/play/playModel";
import { errorMessage } from "../../../lib/errors";
import type { LiveRun, SessionState } from "../../client/sessionState";

/*
 * tfjs (~1.2 MB of JS) and everything that computes with it load as separate chunks, started at
 * mount: the page hydrates and joins the session while they download and compile.
 */
let enginePromise: Promise<typeof import("./playEngine")> | null = null;
export const engine = () => (enginePromise ??= import("./playEngine"));

export interface LoadedModel {
  model: PlayModel;
  checkpointId: string;
  epoch: number;
  runId: string;
}

type Checkpoint = LiveRun["checkpoints"][number];

/**
 * The Play view's model: which run is shown, its newest checkpoint loaded into the browser (download
 * progress, tfjs backend chosen by measuring), newer checkpoints followed while auto-update is on.
 */
export function usePlayModel(sessionId: string, state: SessionState) {
  const [runId, setRunId] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<LoadedModel | null>(null);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [backend, setBackend] = useState<BackendChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [autoUpdate, setAutoUpdate] = useState(true);
  const loadingId = useRef<string | null>(null);
  // Panels after the first grid render one task later, so the first digits paint sooner.
  const [showAll, setShowAll] = useState(false);

  // Measure the backends right away, while the socket joins and the snapshot arrives; the probe's
  // layer widths only need to be typical (the seed's label decoder), the ranking is what matters.
  useEffect(() => {
    performance.mark("vae:mount");
    // Start every heavy chunk now, in parallel with the socket join.
    void import("./GeneratePanel");
    void import("./LatentPanel");
    void import("./InpaintPanel");
    void engine()
      .then((e) => e.ensureBackend([30, 512, 784]))
      .catch(() => {
        // loadCheckpoint retries and shows the error
      });
  }, []);

  useEffect(() => {
    if (!loaded) return;
    const t = setTimeout(() => setShowAll(true), 0);
    return () => clearTimeout(t);
  }, [loaded]);

  // With the first digits on screen, measure every backend and switch if one is clearly faster.
  const refineStarted = useRef(false);
  useEffect(() => {
    if (!loaded || !backend || !showAll || refineStarted.current) return;
    const m = loaded.model;
    const widths = [m.latentDim + (m.meta?.condition.width ?? 0), ...(m.meta?.config.decoderHidden ?? [512]), 784];
    // Late enough that the first panels are drawn and the page has settled.
    const t = setTimeout(() => {
      refineStarted.current = true;
      engine()
        .then((e) => e.refineBackend(widths, backend.chosen))
        .then(setBackend, (e: unknown) => console.warn("backend measurement failed", e));
    }, 1500);
    return () => clearTimeout(t);
  }, [loaded, backend, showAll]);

  const runs = state.runOrder.map((id) => state.runs[id]).filter((r) => r !== undefined);
  const run = runs.find((r) => r.view.id === runId) ?? runs.find((r) => r.checkpoints.length > 0) ?? runs[0];
  const latest = run?.checkpoints.reduce<Checkpoint | null>((a, c) => (!a || c.epoch > a.epoch ? c : a), null) ?? null;

  // A promise chain (not async/await): every state update happens in a callback, never while an effect runs.
  function load(ckpt: { id: string; epoch: number; runId: string }) {
    if (loadingId.current === ckpt.id) return;
    loadingId.current = ckpt.id;
    void engine()
      .then((e) => {
        setError(null);
        return e.loadCheckpoint(sessionId, ckpt.id, setProgress);
      })
      .then(
        ({ model, backend: b }) => {
          setBackend(b);
          setLoaded({ model, checkpointId: ckpt.id, epoch: ckpt.epoch, runId: ckpt.runId });
        },
        (e: unknown) => {
          setError(errorMessage(e));
          setProgress(null);
        },
      )
      .finally(() => {
        loadingId.current = null;
      });
  }

  // Free the previous model's weights once the new one is committed (not inside a state updater:
  // React may call updaters twice). Running twice with the same model is a no-op.
  const shown = useRef<LoadedModel | null>(null);
  useEffect(() => {
    const previous = shown.current;
    shown.current = loaded;
    if (previous && previous !== loaded) void engine().then((e) => e.disposePlayModel(previous.model));
  }, [loaded]);

  const hasSession = state.session !== null;
  useEffect(() => {
    if (hasSession) performance.mark("vae:snapshot");
  }, [hasSession]);

  // First checkpoint (or the selected run's) loads by itself; newer ones when auto-update is on. Checked when
  // the newest checkpoint, the run shown or auto-update change (not on every render: an effect event reads the rest).
  const followLatest = useEffectEvent(() => {
    if (!latest) return;
    const differentRun = loaded && loaded.runId !== latest.runId;
    if (!loaded || differentRun || (autoUpdate && latest.epoch > loaded.epoch)) load(latest);
  });
  const latestId = latest?.id;
  const shownRunId = run?.view.id;
  useEffect(() => {
    followLatest();
  }, [latestId, shownRunId, autoUpdate]);

  // Test hook (tests/e2e/parity.spec.ts, scripts/bench-browser.ts).
  useEffect(() => {
    if (!loaded) return;
    let uninstall: (() => void) | null = null;
    let cancelled = false;
    void engine().then((e) => {
      if (!cancelled)
        uninstall = e.installTestHook({ model: loaded.model, checkpointId: loaded.checkpointId, backend });
    });
    return () => {
      cancelled = true;
      uninstall?.();
    };
  }, [loaded, backend]);

  return {
    runs,
    run,
    latest,
    loaded,
    progress,
    backend,
    error,
    autoUpdate,
    showAll,
    selectRun: setRunId,
    setAutoUpdate,
    updateToLatest: () => {
      if (latest) load(latest);
    },
  };
}
