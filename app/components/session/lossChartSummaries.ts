import type { LiveRun } from "../../client/sessionState";
import { formatInt, formatNats } from "../format";
import { presetLabel } from "./runText";

/**
 * What the loss charts say to screen readers in words (a canvas says nothing): per run, how much there is,
 * the latest and the best value. The exact per-epoch numbers are in the "Per-epoch numbers" table below.
 */

function lowest<T>(items: readonly T[], value: (item: T) => number): T | null {
  let best: T | null = null;
  let bestValue = Infinity;
  for (const item of items) {
    const v = value(item);
    if (Number.isFinite(v) && (best === null || v < bestValue)) {
      best = item;
      bestValue = v;
    }
  }
  return best;
}

/** "VAE (seed): 2,000 points, steps 0 to 13,993; latest loss 104.2 nats per image, lowest 96.1." */
export function stepChartSummary(runs: readonly LiveRun[], emptyText: string): string {
  const parts = runs.flatMap((r) => {
    const first = r.steps[0];
    const last = r.steps[r.steps.length - 1];
    const min = lowest(r.steps, (p) => p.loss);
    if (!first || !last || !min) return [];
    return [
      `${presetLabel(r.view.preset)}: ${formatInt(r.steps.length)} points, steps ${formatInt(first.globalStep)} to ${formatInt(last.globalStep)}; ` +
        `latest loss ${formatNats(last.loss)} nats per image, lowest ${formatNats(min.loss)}.`,
    ];
  });
  return parts.length > 0 ? parts.join(" ") : emptyText;
}

/** "VAE (seed): test −ELBO 110.3 nats per image after epoch 6, best 110.3 at epoch 6." */
export function epochChartSummary(runs: readonly LiveRun[], emptyText: string): string {
  const parts = runs.flatMap((r) => {
    const last = r.epochs[r.epochs.length - 1];
    const best = lowest(r.epochs, (e) => e.testNegElbo);
    if (!last || !best) return [];
    return [
      `${presetLabel(r.view.preset)}: test −ELBO ${formatNats(last.testNegElbo)} nats per image after epoch ${last.epoch}, ` +
        `best ${formatNats(best.testNegElbo)} at epoch ${best.epoch}.`,
    ];
  });
  return parts.length > 0
    ? `${parts.join(" ")} Every epoch's numbers are in the table "Per-epoch numbers".`
    : emptyText;
}
