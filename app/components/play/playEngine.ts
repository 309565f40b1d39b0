"use client";

import { chooseFastestBackend, makeDecodeProbe, type BackendChoice } from "../../../lib/play/backend";
import { loadPlayModel, type LoadProgress, type PlayModel } from "../../../lib/play/playModel";

/**
 * Browser side of the Play view, outside React: picks the tfjs backend once per page (by timing a
 * decode-shaped probe on each) and loads checkpoints from the app server.
 */

let backendChoice: Promise<BackendChoice> | null = null;

/** Where scripts/postinstall.cjs copies the tfjs-backend-wasm binaries (served from public/). */
export const WASM_PATH = "/tfjs-wasm/";

/**
 * The fastest of wasm / webgl / cpu here, measured once per page load with the decoder's layer widths
 * (input, hidden..., 784) at batch 100 — the size of the biggest grid the page decodes.
 */
export function ensureBackend(widths: number[]): Promise<BackendChoice> {
  backendChoice ??= chooseFastestBackend({ probe: makeDecodeProbe(widths, 100), wasmPath: WASM_PATH }).catch((e) => {
    backendChoice = null; // let a later attempt retry
    throw e;
  });
  return backendChoice;
}

export function checkpointBaseUrl(sessionId: string, checkpointId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/checkpoints/${encodeURIComponent(checkpointId)}`;
}

/** Reads meta.json first (cheap) to size the backend probe, then loads both models on the chosen backend. */
export async function loadCheckpoint(
  sessionId: string,
  checkpointId: string,
  onProgress: (p: LoadProgress) => void,
): Promise<{ model: PlayModel; backend: BackendChoice }> {
  const base = checkpointBaseUrl(sessionId, checkpointId);
  const res = await fetch(`${base}/meta.json`);
  if (!res.ok) throw new Error(`Could not fetch the checkpoint (HTTP ${res.status}). Reload to try again.`);
  const meta = (await res.json()) as { latentDim?: number; condition?: { width?: number }; config?: { decoderHidden?: number[] } };
  const widths = [(meta.latentDim ?? 20) + (meta.condition?.width ?? 0), ...(meta.config?.decoderHidden ?? [512]), 784];
  const backend = await ensureBackend(widths);
  const model = await loadPlayModel(base, { onProgress });
  return { model, backend };
}
