"use client";

import { memo, useId } from "react";
import type { LossChartSettingsState } from "./useLossChartSettings";

type Props = Pick<LossChartSettingsState, "smoothing" | "setSmoothing" | "log" | "setLog" | "split" | "setSplit">;

/** Smoothing slider, log scale and the recon/KL split: native inputs, so keyboards and screen readers get them for free. */
export const LossChartControls = memo(function LossChartControls({
  smoothing,
  setSmoothing,
  log,
  setLog,
  split,
  setSplit,
}: Props) {
  const ids = { smoothing: useId(), log: useId(), split: useId() };
  return (
    <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm text-slate-300">
      <span className="flex items-center gap-2">
        <label htmlFor={ids.smoothing}>Smoothing</label>
        <input
          id={ids.smoothing}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={smoothing}
          onChange={(e) => setSmoothing(Number(e.target.value))}
          className="w-28"
        />
        <span className="w-8 tabular text-slate-400" aria-hidden="true">
          {smoothing.toFixed(2)}
        </span>
      </span>
      <label htmlFor={ids.log} className="flex items-center gap-2">
        <input id={ids.log} type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
        Log scale
      </label>
      <label htmlFor={ids.split} className="flex items-center gap-2">
        <input id={ids.split} type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} />
        Show recon / KL
      </label>
    </div>
  );
});
