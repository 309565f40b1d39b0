"use client";

import type { BackendChoice } from "../../../lib/play/backend";
import type { LoadProgress } from "../../../lib/play/playModel";

export interface ModelStatusProps {
  loading: LoadProgress | null;
  loadedEpoch: number | null;
  latestEpoch: number | null;
  backend: BackendChoice | null;
  autoUpdate: boolean;
  onAutoUpdate: (v: boolean) => void;
  onUpdate: () => void;
  error: string | null;
  decoderBytes: number | null;
}

const fmtMs = (ms: number | null) => (ms === null ? "failed" : `${ms.toFixed(1)} ms`);

/** Which checkpoint is loaded, on which tfjs backend, and the offer of a newer one. */
export function ModelStatus(p: ModelStatusProps) {
  const newer = p.latestEpoch !== null && p.loadedEpoch !== null && p.latestEpoch > p.loadedEpoch;
  return (
    <div
      className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border border-slate-800 bg-slate-900/60 px-4 py-3 text-sm"
      data-testid="model-status"
    >
      {p.loading && p.loading.stage !== "ready" ? (
        <div className="flex items-center gap-2" role="status" aria-live="polite">
          <span>Loading the model…</span>
          <progress max={1} value={p.loading.fraction} className="h-2 w-40" aria-label="Model download progress" />
          <span className="tabular text-slate-400">{Math.round(p.loading.fraction * 100)} %</span>
        </div>
      ) : (
        <span data-testid="loaded-epoch" data-epoch={p.loadedEpoch ?? ""}>
          {p.loadedEpoch === null ? (
            "No model loaded yet"
          ) : (
            <>
              Checkpoint: epoch <strong className="tabular">{p.loadedEpoch}</strong>
            </>
          )}
        </span>
      )}
      {p.backend && (
        <span
          data-testid="backend"
          data-backend={p.backend.chosen}
          title={p.backend.measurements.map((m) => `${m.name}: ${fmtMs(m.ms)}`).join(", ")}
        >
          Running on <strong>{p.backend.chosen}</strong>{" "}
          <span className="text-xs text-slate-400">
            ({p.backend.measurements.map((m) => `${m.name} ${fmtMs(m.ms)}`).join(" · ")} for 100 digits)
          </span>
        </span>
      )}
      {p.decoderBytes !== null && (
        <span className="text-xs text-slate-400">decoder {(p.decoderBytes / 1024).toFixed(0)} KB downloaded</span>
      )}
      {newer && (
        <button
          type="button"
          onClick={p.onUpdate}
          className="rounded bg-amber-500 px-3 py-1 text-sm font-medium text-slate-950 hover:bg-amber-400"
        >
          Update to epoch {p.latestEpoch}
        </button>
      )}
      <label className="flex items-center gap-2 text-xs text-slate-300">
        <input type="checkbox" checked={p.autoUpdate} onChange={(e) => p.onAutoUpdate(e.target.checked)} />
        Auto-update to new checkpoints
      </label>
      {p.error && (
        <p role="alert" className="w-full text-rose-400">
          {p.error}
        </p>
      )}
    </div>
  );
}
