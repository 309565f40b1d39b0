"use client";

import type { TrainConfig } from "../../../lib/model/config";
import { describeEstimate } from "./estimateText";
import { useThroughput } from "./useThroughput";

/** "Estimated training time: about 40 s (from the speed of 3 finished runs on this server)", before Train is pressed. */
export function TrainingEstimate({ configs }: { configs: TrainConfig[] | null }) {
  const estimate = describeEstimate(useThroughput(), configs);
  if (!estimate) return null;
  return (
    <p
      className="text-sm text-slate-300"
      data-testid="training-estimate"
      data-seconds={estimate.seconds}
      aria-live="polite"
    >
      Estimated training time: <strong className="tabular text-slate-100">{estimate.text}</strong>{" "}
      <span className="text-slate-400">({estimate.basis}; longer if other runs are queued)</span>
    </p>
  );
}
