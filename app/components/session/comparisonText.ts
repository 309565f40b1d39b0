import type { ComparisonRow } from "../../../lib/contracts/comparison";
import { formatInt, formatNats } from "../format";

/** Which measure groups a comparison table needs: label accuracy only with a label run, hole errors only with an inpainting run. */
export function comparisonGroups(rows: readonly ComparisonRow[]): { label: boolean; inpaint: boolean } {
  return { label: rows.some((r) => r.condition === "label"), inpaint: rows.some((r) => r.condition === "inpaint") };
}

/** "104.9 ± 0.4" nats: IWAE −log p(x) with its standard error over the images; "–" when not measured. */
export function iwaeText(r: ComparisonRow): string {
  if (r.iwaeNegLogLik === null) return "–";
  return r.iwaeStdErr === null
    ? formatNats(r.iwaeNegLogLik)
    : `${formatNats(r.iwaeNegLogLik)} ± ${r.iwaeStdErr.toFixed(1)}`;
}

/** "k = 100 on 1,000 test images" */
export function iwaeSettingsText(r: Pick<ComparisonRow, "iwaeK" | "iwaeN">): string {
  if (r.iwaeK === null) return "not measured";
  return `k = ${formatInt(r.iwaeK)}${r.iwaeN === null ? "" : ` on ${formatInt(r.iwaeN)} test image${r.iwaeN === 1 ? "" : "s"}`}`;
}

/** "96.2 %" of prior samples read as their label; "judge not available" when a label run has none; "–" otherwise. */
export function labelAccuracyText(r: ComparisonRow): string {
  if (r.condition !== "label") return "–";
  return r.labelAccuracy === null ? "judge not available" : `${(r.labelAccuracy * 100).toFixed(1)} %`;
}

/** "31.2 (mean 45.0, nearest 38.1)": the model's hole BCE in nats against the two baselines. */
export function holeText(r: ComparisonRow): string {
  if (r.inpaintBce === null) return "–";
  const base = [
    r.meanFillBce !== null ? `mean fill ${formatNats(r.meanFillBce)}` : null,
    r.nearestNeighbourBce !== null ? `nearest image ${formatNats(r.nearestNeighbourBce)}` : null,
  ].filter(Boolean);
  return `${formatNats(r.inpaintBce)}${base.length ? ` (${base.join(", ")})` : ""}`;
}
