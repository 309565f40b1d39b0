import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { initialSessionState, orderedRuns, sessionReducer, type SessionState } from "../../../app/client/sessionState";
import { LossCharts } from "../../../app/components/session/LossCharts";
import { progressDelta, RUN_COUNT, syntheticSnapshot } from "./syntheticSession";

/**
 * Browser entry of the chart benchmark (bundled by charts-perf.spec.ts): the real LossCharts fed by the
 * real session reducer, as the live view does, with a synthetic seed-comparison session. Each tick is one
 * progress point for every run, rendered at once (no batching: the worst case of what useLiveSession does).
 */

export interface TickTiming {
  /** Script: reducer + React render/commit + effects + the microtasks queued by them (uPlot draws in one), ms. */
  scriptMs: number;
  /** The browser's rendering of the next frame (style, layout, paint, canvas flush, commit), ms. */
  renderMs: number;
  /** Canvas stroke() calls inside the measured span: proof that the drawing happened within it. */
  strokes: number;
}

export interface ChartBench {
  /** Joins with `points` points per run and draws them; resolves with the time that took, ms. */
  mount(points: number): Promise<number>;
  /** "append": one point per run each tick. "text": each tick changes one line of text instead (what any frame costs here). */
  run(options: { ticks: number; intervalMs: number; mode: "append" | "text" }): Promise<{ ticks: TickTiming[] }>;
}

declare global {
  interface Window {
    chartBench: ChartBench;
  }
}

// Counting canvas strokes tells the spec that uPlot really drew inside each measured span.
let strokes = 0;
// eslint-disable-next-line @typescript-eslint/unbound-method -- the original is always called with .call(this) below
const stroke: (this: CanvasRenderingContext2D, path?: Path2D) => void = CanvasRenderingContext2D.prototype.stroke;
CanvasRenderingContext2D.prototype.stroke = function (this: CanvasRenderingContext2D, path?: Path2D) {
  strokes++;
  if (path) stroke.call(this, path);
  else stroke.call(this);
};

let root: Root | null = null;
let state: SessionState = initialSessionState;
let nextPoint = 0;
let seq = 0;

function render() {
  const runs = orderedRuns(state);
  flushSync(() => root!.render(<LossCharts runs={runs} />));
}

/** Resolves after every microtask queued so far (uPlot commits its draw in one). */
const afterMicrotasks = () => new Promise<void>((resolve) => queueMicrotask(() => queueMicrotask(resolve)));

/**
 * How long the browser spends rendering the next frame: from its requestAnimationFrame callbacks to the
 * end of that frame's task (a message posted from rAF runs right after the frame's style, layout, paint
 * and commit), leaving out the wait for the frame to start.
 */
function nextFrameRenderMs(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const start = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - start);
      channel.port2.postMessage(null);
    }),
  );
}

window.chartBench = {
  async mount(points) {
    const t0 = performance.now();
    state = sessionReducer(sessionReducer(initialSessionState, { type: "join-started" }), {
      type: "snapshot",
      snapshot: syntheticSnapshot(points),
    });
    nextPoint = points;
    root ??= createRoot(document.getElementById("root")!);
    render();
    await afterMicrotasks();
    return performance.now() - t0;
  },
  async run({ ticks, intervalMs, mode }) {
    const out: TickTiming[] = [];
    for (let t = 0; t < ticks; t++) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      const strokesBefore = strokes;
      // Marks for the trace: the spec sums the main thread's CPU time between them.
      performance.mark(`tick-${t}-start`);
      const t0 = performance.now();
      if (mode === "text") {
        document.getElementById("marker")!.textContent = `tick ${t}`;
      } else {
        for (let run = 0; run < RUN_COUNT; run++) {
          state = sessionReducer(state, { type: "delta", delta: progressDelta(run, nextPoint, ++seq) });
        }
        nextPoint++;
        render();
      }
      await afterMicrotasks();
      const scriptMs = performance.now() - t0;
      const drawn = strokes - strokesBefore;
      const renderMs = await nextFrameRenderMs();
      performance.mark(`tick-${t}-end`);
      out.push({ scriptMs, renderMs, strokes: drawn });
    }
    return { ticks: out };
  },
};
