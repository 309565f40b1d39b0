"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { centredHoleMask } from "../../../lib/data/masks";
import type { BackendChoice } from "../../../lib/play/backend";
import { decodeProbs, sampleLatents } from "../../../lib/play/decode";
import { inpaint } from "../../../lib/play/inpaint";
import { disposePlayModel, type LoadProgress, type PlayModel } from "../../../lib/play/playModel";
import { GalleryStrip } from "../gallery/GalleryStrip";
import { GeneratePanel } from "./GeneratePanel";
import { InpaintPanel } from "./InpaintPanel";
import { LatentPanel } from "./LatentPanel";
import { ModelStatus } from "./ModelStatus";
import { checkpointBaseUrl, loadCheckpoint } from "./playEngine";
import type { SaveContext } from "./ResultCard";
import { usePlaySession } from "./usePlaySession";

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

  const runs = state.runOrder.map((id) => state.runs[id]).filter((r) => r !== undefined);
  const run = runs.find((r) => r.view.id === runId) ?? runs.find((r) => r.checkpoints.length > 0) ?? runs[0];
  const latest = run?.checkpoints.reduce<(typeof run.checkpoints)[number] | null>((a, c) => (!a || c.epoch > a.epoch ? c : a), null) ?? null;

  async function load(ckpt: { id: string; epoch: number; runId: string }) {
    if (loadingId.current === ckpt.id) return;
    loadingId.current = ckpt.id;
    setError(null);
    try {
      const { model, backend: b } = await loadCheckpoint(sessionId, ckpt.id, setProgress);
      setBackend(b);
      setLoaded({ model, checkpointId: ckpt.id, epoch: ckpt.epoch, runId: ckpt.runId });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
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
    if (previous && previous !== loaded) disposePlayModel(previous.model);
  }, [loaded]);

  // First checkpoint (or the selected run's) loads by itself; newer ones when auto-update is on.
  useEffect(() => {
    if (!latest) return;
    const differentRun = loaded && loaded.runId !== latest.runId;
    if (!loaded || differentRun || (autoUpdate && latest.epoch > loaded.epoch)) void load(latest);
  }, [latest?.id, autoUpdate, run?.view.id]); // eslint-disable-line react-hooks/exhaustive-deps

  // Test hook (tests/e2e/parity.spec.ts, scripts/bench-browser.ts): decode with the loaded model from outside React.
  useEffect(() => {
    if (!loaded) return;
    const w = window as unknown as { __vaePlay?: unknown };
    w.__vaePlay = {
      checkpointId: loaded.checkpointId,
      backend: backend?.chosen,
      latentDim: loaded.model.latentDim,
      condition: loaded.model.condition,
      decode: (z: number[], c: { digit?: number } = {}) => Array.from(decodeProbs(loaded.model, z, c)),
      time100: (digit?: number) => {
        const z = sampleLatents(loaded.model.latentDim, 100, 1, 1);
        const t0 = performance.now();
        decodeProbs(loaded.model, z, { digit });
        return performance.now() - t0;
      },
      timeInpaint: (image: number[]) => {
        const t0 = performance.now();
        inpaint(loaded.model, Uint8Array.from(image), centredHoleMask(10));
        return performance.now() - t0;
      },
    };
    return () => {
      delete w.__vaePlay;
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
        decoderBytes={latest?.decoderBytes ?? null}
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
            <InpaintPanel model={loaded.model} context={context} />
          </section>
          {/* An inpainting CVAE is trained with visible pixels; from an empty condition it only draws grey blobs. */}
          {loaded.model.condition !== "inpaint" && (
            <>
          <section aria-labelledby="gen-h" className="space-y-3">
            <h2 id="gen-h" className="text-lg font-semibold">Generate</h2>
            <GeneratePanel key={loaded.checkpointId} model={loaded.model} context={context} />
          </section>
          <section aria-labelledby="latent-h" className="space-y-3">
            <h2 id="latent-h" className="text-lg font-semibold">Latent space</h2>
            <LatentPanel key={loaded.checkpointId} model={loaded.model} context={context} />
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
