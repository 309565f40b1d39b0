"use client";

import Link from "next/link";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { BackendChoice } from "../../../lib/play/backend";
import type { LoadProgress, PlayModel } from "../../../lib/play/playModel";
import { GalleryStrip } from "../gallery/GalleryStrip";
import { checkpointBaseUrl } from "./checkpointUrl";
import { ModelStatus } from "./ModelStatus";
import type { SaveContext } from "./ResultCard";
import { usePlaySession } from "./usePlaySession";
import { errorMessage } from "../../../lib/errors";

/*
 * tfjs (~1.2 MB of JS) and everything that computes with it load as separate chunks, started at
 * mount: the page hydrates and joins the session while they download and compile.
 */
let enginePromise: Promise<typeof import("./playEngine")> | null = null;
const engine = () => (enginePromise ??= import("./playEngine"));
const GeneratePanel = lazy(() => import("./GeneratePanel").then((m) => ({ default: m.GeneratePanel })));
const LatentPanel = lazy(() => import("./LatentPanel").then((m) => ({ default: m.LatentPanel })));
const InpaintPanel = lazy(() => import("./InpaintPanel").then((m) => ({ default: m.InpaintPanel })));

interface Loaded {
  model: PlayModel;
  checkpointId: string;
  epoch: number;
  runId: string;
}

/** The Play view: generate, explore and inpaint digits with the session's latest checkpoint, in the browser. */
export function PlayView({ sessionId }: { sessionId: string }) {
  const { state, socket } = usePlaySession(sessionId);
  const [runId, setRunId] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [backend, setBackend] = useState<BackendChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [autoUpdate, setAutoUpdate] = useState(true);
  const loadingId = useRef<string | null>(null);
  // Panels below the first grid render one task later, so the first digits paint sooner.
  const [showAll, setShowAll] = useState(false);

  // Measure the backends right away, while the socket joins and the snapshot arrives; the probe's
  // layer widths only need to be typical (the seed's label decoder), the ranking is what matters.
  useEffect(() => {
    performance.mark("vae:mount");
    // Start every heavy chunk now, in parallel with the socket join.
    void import("./GeneratePanel");
    void import("./LatentPanel");
    void import("./InpaintPanel");
    void engine().then((e) => e.ensureBackend([30, 512, 784])).catch(() => {
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
      engine().then((e) => e.refineBackend(widths, backend.chosen)).then(setBackend, (e: Error) => console.warn("backend measurement failed", e));
    }, 1500);
    return () => clearTimeout(t);
  }, [loaded, backend, showAll]);

  const runs = state.runOrder.map((id) => state.runs[id]).filter((r) => r !== undefined);
  const run = runs.find((r) => r.view.id === runId) ?? runs.find((r) => r.checkpoints.length > 0) ?? runs[0];
  const latest = run?.checkpoints.reduce<(typeof run.checkpoints)[number] | null>((a, c) => (!a || c.epoch > a.epoch ? c : a), null) ?? null;

  async function load(ckpt: { id: string; epoch: number; runId: string }) {
    if (loadingId.current === ckpt.id) return;
    loadingId.current = ckpt.id;
    setError(null);
    try {
      const { model, backend: b } = await (await engine()).loadCheckpoint(sessionId, ckpt.id, setProgress);
      setBackend(b);
      setLoaded({ model, checkpointId: ckpt.id, epoch: ckpt.epoch, runId: ckpt.runId });
    } catch (e) {
      setError(errorMessage(e));
      setProgress(null);
    } finally {
      loadingId.current = null;
    }
  }

  // Free the previous model's weights once the new one is committed (not inside a state updater:
  // React may call updaters twice). Running twice with the same model is a no-op.
  const shown = useRef<Loaded | null>(null);
  useEffect(() => {
    const previous = shown.current;
    shown.current = loaded;
    if (previous && previous !== loaded) void engine().then((e) => e.disposePlayModel(previous.model));
  }, [loaded]);

  useEffect(() => {
    if (state.session) performance.mark("vae:snapshot");
  }, [state.session !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  // First checkpoint (or the selected run's) loads by itself; newer ones when auto-update is on.
  useEffect(() => {
    if (!latest) return;
    const differentRun = loaded && loaded.runId !== latest.runId;
    if (!loaded || differentRun || (autoUpdate && latest.epoch > loaded.epoch)) void load(latest);
  }, [latest?.id, autoUpdate, run?.view.id]); // eslint-disable-line react-hooks/exhaustive-deps

  // Test hook (tests/e2e/parity.spec.ts, scripts/bench-browser.ts).
  useEffect(() => {
    if (!loaded) return;
    let uninstall: (() => void) | null = null;
    let cancelled = false;
    void engine().then((e) => {
      if (!cancelled) uninstall = e.installTestHook({ model: loaded.model, checkpointId: loaded.checkpointId, backend });
    });
    return () => {
      cancelled = true;
      uninstall?.();
    };
  }, [loaded, backend]);

  const context: SaveContext | null = loaded
    ? { sessionId, checkpointId: loaded.checkpointId, runId: loaded.runId, preset: run?.view.preset, epoch: loaded.epoch, backend: backend?.chosen }
    : null;
  const base = loaded ? checkpointBaseUrl(sessionId, loaded.checkpointId) : null;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">Play{state.session ? `: ${state.session.title}` : ""}</h1>
        <Link href={`/s/${sessionId}`} className="text-sm text-sky-400 underline">
          back to the live session
        </Link>
        {runs.length > 1 && (
          <label className="ml-auto flex items-center gap-2 text-sm text-slate-300">
            Model
            <select aria-label="Model" value={run?.view.id ?? ""} onChange={(e) => setRunId(e.target.value)} className="rounded border border-slate-700 bg-slate-900 px-2 py-1">
              {runs.map((r) => (
                <option key={r.view.id} value={r.view.id}>
                  {r.view.preset} ({r.view.status})
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {state.connection === "error" && <p role="alert" className="text-rose-400">{state.error}</p>}
      <ModelStatus
        loading={progress}
        loadedEpoch={loaded?.epoch ?? null}
        latestEpoch={latest?.epoch ?? null}
        backend={backend}
        autoUpdate={autoUpdate}
        onAutoUpdate={setAutoUpdate}
        onUpdate={() => latest && void load(latest)}
        error={error}
        decoderBytes={loaded?.model.decoderDownloadBytes ?? null}
      />
      {!latest && state.connection === "live" && (
        <p className="text-slate-400" data-testid="waiting-checkpoint">
          Waiting for the first checkpoint: it arrives at the end of epoch 1{run ? ` (run is ${run.view.status})` : ""}.
        </p>
      )}
      {loaded && context && (
        <div className="flex flex-col gap-8" data-testid="play-panels" data-condition={loaded.model.condition} data-latent={loaded.model.latentDim}>
          <section aria-labelledby="inpaint-h" className={`space-y-3 ${loaded.model.condition === "inpaint" ? "" : "order-last"}`}>
            <h2 id="inpaint-h" className="text-lg font-semibold">{loaded.model.condition === "inpaint" ? "Inpainting" : "Reconstruction"}</h2>
            {(showAll || loaded.model.condition === "inpaint") && (
              <Suspense fallback={<p className="text-sm text-slate-500">loading…</p>}>
                <InpaintPanel model={loaded.model} context={context} />
              </Suspense>
            )}
          </section>
          {/* An inpainting CVAE is trained with visible pixels; from an empty condition it only draws grey blobs. */}
          {loaded.model.condition !== "inpaint" && (
            <>
          <section aria-labelledby="gen-h" className="space-y-3">
            <h2 id="gen-h" className="text-lg font-semibold">Generate</h2>
            <Suspense fallback={<p className="text-sm text-slate-500">loading…</p>}>
              <GeneratePanel key={loaded.checkpointId} model={loaded.model} context={context} />
            </Suspense>
          </section>
          <section aria-labelledby="latent-h" className="space-y-3">
            <h2 id="latent-h" className="text-lg font-semibold">Latent space</h2>
            {showAll && (
              <Suspense fallback={<p className="text-sm text-slate-500">loading…</p>}>
                <LatentPanel key={loaded.checkpointId} model={loaded.model} context={context} />
              </Suspense>
            )}
          </section>
            </>
          )}
          {base && (
            <p className="order-last text-sm text-slate-400">
              Model files (stock <code>tf.loadLayersModel</code>):{" "}
              <a className="text-sky-400 underline" href={`${base}/decoder/model.json`}>decoder</a>,{" "}
              <a className="text-sky-400 underline" href={`${base}/encoder/model.json`}>encoder</a>,{" "}
              <a className="text-sky-400 underline" href={`${base}/meta.json`}>meta.json</a>
            </p>
          )}
        </div>
      )}
      <GalleryStrip sessionId={sessionId} socket={socket} />
    </div>
  );
}
