import type { TrainingHooks } from "../../server/training/trainer";

/** Training hooks that ignore everything and never stop, with `over` on top (what a test wants to see). */
export function quietHooks(over: Partial<TrainingHooks> = {}): TrainingHooks {
  return {
    onProgress: () => {},
    onEpoch: () => {},
    onSamples: () => {},
    onCheckpoint: () => {},
    control: () => "continue",
    ...over,
  };
}
