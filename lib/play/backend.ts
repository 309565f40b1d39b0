import * as tf from "@tensorflow/tfjs";
// Registers the "wasm" backend (browser and Node). Its .wasm files must be reachable: see setWasmPaths below.
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { errorMessage } from "../errors";

export interface BackendMeasurement {
  name: string;
  /** False when `tf.setBackend(name)` returned false or threw (e.g. wasm files not served). */
  ok: boolean;
  /** Median milliseconds of the probe after one warm-up run (shader compile, wasm init). */
  ms: number | null;
  /** Milliseconds to start the backend and run the warm-up (wasm download/compile, WebGL shader compile). */
  initMs?: number;
  error?: string;
}

export interface BackendChoice {
  chosen: string;
  measurements: BackendMeasurement[];
}

export type Probe = (() => void) & { dispose(): void };

/**
 * A decode-shaped probe: batch x widths[0] through Dense layers of `widths` (ReLU, sigmoid last).
 * Its random weights are made once per backend on the first (warm-up) call, so the timed calls
 * measure matMuls, not random number generation. widths = [latent + cond, ...hidden, 784].
 */
export function makeDecodeProbe(widths: number[], batch = 100): Probe {
  if (widths.length < 2) throw new Error("a probe needs an input width and at least one layer");
  const weights = new Map<string, tf.Tensor2D[]>();
  const probe = () => {
    const backend = tf.getBackend();
    let ws = weights.get(backend);
    if (!ws) {
      ws = widths.slice(1).map((w, i) => tf.randomNormal<tf.Rank.R2>([widths[i] ?? 1, w], 0, 0.05));
      weights.set(backend, ws);
    }
    const layers = ws;
    tf.tidy(() => {
      let h: tf.Tensor2D = tf.randomUniform([batch, widths[0] ?? 1]);
      layers.forEach((w, i) => {
        const pre = tf.matMul(h, w);
        h = (i === layers.length - 1 ? tf.sigmoid(pre) : tf.relu(pre)) as tf.Tensor2D;
      });
      h.dataSync(); // forces the GPU / wasm work to finish inside the timing
    });
  };
  return Object.assign(probe, {
    dispose: () => {
      for (const ws of weights.values()) ws.forEach((w) => w.dispose());
      weights.clear();
    },
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/**
 * Tries each backend, times `probe` (median of `repeats` after a warm-up) and leaves the fastest
 * one active. We measure instead of trusting names: in headless Chromium without a GPU WebGL runs on
 * SwiftShader and loses to wasm by far, while on a laptop with a GPU WebGL wins.
 * `wasmPath` (e.g. "/tfjs-wasm/") is where the .wasm files are served; omit it in Node.
 */
/** Whether a backend is registered (findBackendFactory's type hides its null). */
function hasBackend(name: string): boolean {
  return name in tf.engine().registryFactory;
}

export async function chooseFastestBackend(opts: {
  probe: (() => void) & { dispose?: () => void };
  candidates?: string[];
  repeats?: number;
  wasmPath?: string;
  now?: () => number;
  /** Kept unless another backend is faster than `margin` x its time (default "wasm", 0.7). */
  prefer?: string;
  margin?: number;
}): Promise<BackendChoice> {
  if (opts.wasmPath) setWasmPaths(opts.wasmPath);
  const now = opts.now ?? (() => performance.now());
  const candidates = (opts.candidates ?? ["wasm", "webgl", "cpu"]).filter((n) => hasBackend(n));
  const measurements: BackendMeasurement[] = [];
  for (const name of candidates) {
    // Yield between backends so a page stays responsive (and can paint) while measuring.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const started = now();
    try {
      const ok = await tf.setBackend(name);
      if (!ok) {
        measurements.push({ name, ok: false, ms: null, error: "setBackend returned false" });
        continue;
      }
      await tf.ready();
      opts.probe();
      const initMs = now() - started;
      const times: number[] = [];
      const bestSoFar = Math.min(...measurements.filter((m) => m.ok && m.ms !== null).map((m) => m.ms ?? Infinity));
      for (let i = 0; i < (opts.repeats ?? 3); i++) {
        const t0 = now();
        opts.probe();
        times.push(now() - t0);
        // A backend 3x slower than the best so far cannot win: do not spend page-load time on it.
        if (times[0]! > 3 * bestSoFar) break;
      }
      measurements.push({ name, ok: true, ms: median(times), initMs });
    } catch (e) {
      measurements.push({ name, ok: false, ms: null, error: errorMessage(e) });
    }
  }
  opts.probe.dispose?.();
  let best = measurements.filter((m) => m.ok && m.ms !== null).sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0))[0];
  // WebGL compiles shaders for every new shape on first use, which the probe does not see; and on a
  // busy machine timings are noisy. Switch away from the preferred backend only for a clear win.
  const preferred = measurements.find((m) => m.name === (opts.prefer ?? "wasm") && m.ok && m.ms !== null);
  if (best && preferred && best !== preferred && (best.ms ?? 0) > (opts.margin ?? 0.7) * (preferred.ms ?? 0))
    best = preferred;
  if (!best)
    throw new Error(`no tfjs backend works here (${measurements.map((m) => `${m.name}: ${m.error}`).join("; ")})`);
  if (!(await tf.setBackend(best.name))) throw new Error(`could not switch back to ${best.name}`);
  return { chosen: best.name, measurements };
}
