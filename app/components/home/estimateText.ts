import type { ThroughputResponse } from "../../../lib/contracts/throughput";
import { estimateTrainingSeconds } from "../../../lib/estimate/trainingTime";
import type { TrainConfig } from "../../../lib/model/config";
import { PRESETS } from "../../../lib/model/presets";
import { formatDuration } from "../format";

/** An estimate should not look more precise than it is: 5 s steps under a minute, 10 s under 10 min, then minutes. */
export function roundEstimate(seconds: number): number {
  if (seconds < 60) return Math.max(5, Math.round(seconds / 5) * 5);
  if (seconds < 600) return Math.round(seconds / 10) * 10;
  return Math.round(seconds / 60) * 60;
}

export interface Estimate {
  seconds: number;
  /** "about 1 min 10 s for both runs" */
  text: string;
  /** Where the number comes from, honestly. */
  basis: string;
}

/** The home page's "how long will this take" line, or null while the form is invalid or speeds are unknown. */
export function describeEstimate(
  throughput: ThroughputResponse | null,
  configs: readonly TrainConfig[] | null,
): Estimate | null {
  if (!throughput || !configs || configs.length === 0) return null;
  const speeds = configs.map((c) => ({ config: c, speed: throughput.presets[c.preset] }));
  const seconds = roundEstimate(
    speeds.reduce((sum, { config, speed }) => sum + estimateTrainingSeconds(speed, config), 0),
  );
  const both = configs.length > 1 ? ` for ${configs.length === 2 ? "both" : "all"} runs, one after the other` : "";
  const guessed = speeds.filter((s) => s.speed.source === "fallback").map((s) => PRESETS[s.config.preset].label);
  const runs = speeds.reduce((n, s) => n + s.speed.runs, 0);
  const basis =
    guessed.length === 0
      ? `from the speed of ${runs} finished ${runs === 1 ? "run" : "runs"} on this server`
      : `a rough guess: no ${guessed.join(" or ")} run has finished on this server yet`;
  return { seconds, text: `about ${formatDuration(seconds)}${both}`, basis };
}
