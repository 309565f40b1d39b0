"use client";

import * as tf from "@tensorflow/tfjs";
import { chooseFastestBackend, makeDecodeProbe, type BackendChoice } from "../../../lib/play/backend";
import { centredHoleMask } from "../../../lib/data/masks";
import { decodeProbs, sampleLatents } from "../../../lib/play/decode";
import { inpaint } from "../../../lib/play/inpaint";
import { disposePlayModel, loadPlayModel, type LoadProgress, type PlayModel } from "../../../lib/play/playModel";

/**
 * Browser side of the Play view, outside React: picks the tfjs backend once per page (by timing a
 * decode-shaped probe on each) and loads checkpoints from the app server.
 */

let backendChoice: Promise<BackendChoice> | null = null;

/** Where scripts/postinstall.cjs copies the tfjs-backend-wasm binaries (served from public/). */
export const WASM_PATH = "/tfjs-wasm/";

let refined: Promise<BackendChoice> | null = null;

/**
 * Phase 1, at page load: wasm when it starts (it has no shader compile and was the fastest or close
 * on every machine we measured), else the faster of webgl / cpu. Keeps the first digits quick.
 * `widths` (input, hidden..., 784) size the decode-shaped probe, at batch 100 (the biggest grid).
 */
export function ensureBackend(widths: number[]): Promise<BackendChoice> {
  backendChoice ??= chooseFastestBackend({
    probe: makeDecodeProbe(widths, 100),
    wasmPath: WASM_PATH,
    candidates: ["wasm"],
  })
    .catch(() => chooseFastestBackend({ probe: makeDecodeProbe(widths, 100), candidates: ["webgl", "cpu"] }))
    .catch((e: unknown) => {
      backendChoice = null; // let a later attempt retry
      throw e;
    });
  return backendChoice;
}

/**
 * Phase 2, once the first digits are on screen: time wasm, webgl and cpu and switch when another
 * backend is clearly faster (with a GPU, WebGL usually is). Model weights follow lazily: tfjs moves a
 * tensor's data to the active backend the first time it is used there. Once per page.
 */
export function refineBackend(widths: number[], current: string): Promise<BackendChoice> {
  refined ??= chooseFastestBackend({
    probe: makeDecodeProbe(widths, 100),
    wasmPath: WASM_PATH,
    candidates: ["wasm", "webgl", "cpu"],
    prefer: current,
  }).catch(async (e: unknown) => {
    refined = null;
    await tf.setBackend(current); // the measurement failed half-way: stay where we were
    throw e;
  });
  return refined;
}

export { checkpointBaseUrl } from "./checkpointUrl";
import { checkpointBaseUrl } from "./checkpointUrl";

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
  const chosen: { backend: BackendChoice | null } = { backend: null }; // set by `prepare` during the load
  const model = await loadPlayModel(checkpointBaseUrl(sessionId, checkpointId), {
    onProgress,
    prepare: async (meta) => {
      mark("vae:meta");
      const widths = [meta.latentDim + meta.condition.width, ...meta.config.decoderHidden, 784];
      chosen.backend = await ensureBackend(widths);
      mark("vae:backend");
    },
  });
  mark("vae:model-ready");
  if (!chosen.backend) throw new Error("no tfjs backend was chosen");
  return { model, backend: chosen.backend };
}

declare global {
  interface Window {
    /** Set by installTestHook while a model is loaded; read by tests and benchmarks through page.evaluate. */
    __vaePlay?: unknown;
  }
}

/**
 * Test hook for tests/e2e/parity.spec.ts and scripts/bench-browser.ts: decode with the loaded model
 * from outside React. Returns the uninstaller.
 */
export function installTestHook(info: {
  model: PlayModel;
  checkpointId: string;
  backend: BackendChoice | null;
}): () => void {
  const { model } = info;
  window.__vaePlay = {
    checkpointId: info.checkpointId,
    backend: info.backend?.chosen,
    measurements: info.backend?.measurements ?? [],
    latentDim: model.latentDim,
    condition: model.condition,
    decode: (z: number[], c: { digit?: number } = {}) => Array.from(decodeProbs(model, z, c)),
    time100: (digit?: number) => {
      const z = sampleLatents(model.latentDim, 100, 1, 1);
      const t0 = performance.now();
      decodeProbs(model, z, { digit });
      return performance.now() - t0;
    },
    timeInpaint: (image: number[]) => {
      const t0 = performance.now();
      inpaint(model, Uint8Array.from(image), centredHoleMask(10));
      return performance.now() - t0;
    },
  };
  return () => {
    delete window.__vaePlay;
  };
}

export { disposePlayModel };
