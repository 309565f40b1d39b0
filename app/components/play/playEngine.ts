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

const mark = (name: string) => {
  try {
    performance.mark(name); // read by scripts/bench-browser.ts
  } catch {
    // marks are diagnostics only
  }
};

/**
 * Loads a checkpoint: meta.json first (tiny), then the backend probe (sized from the meta's decoder
 * widths) runs while both models download; the models are built on the chosen backend.
 */
export async function loadCheckpoint(
  sessionId: string,
  checkpointId: string,
  onProgress: (p: LoadProgress) => void,
): Promise<{ model: PlayModel; backend: BackendChoice }> {
  mark("vae:load-start");
  let backend: BackendChoice | null = null;
  const model = await loadPlayModel(checkpointBaseUrl(sessionId, checkpointId), {
    onProgress,
    prepare: async (meta) => {
      mark("vae:meta");
      const widths = [meta.latentDim + meta.condition.width, ...meta.config.decoderHidden, 784];
      backend = await ensureBackend(widths);
      mark("vae:backend");
    },
  });
  mark("vae:model-ready");
  if (!backend) throw new Error("no tfjs backend was chosen");
  return { model, backend };
}
