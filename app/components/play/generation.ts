import type { GalleryKind, GalleryMeta } from "../../../lib/contracts/gallery";

/** What the Generate panel draws: one digit (label models), every digit a row ("all"), or the plain prior. */
export type DigitPick = number | "all";

/** The generated grid's title, gallery kind, tile size and meta, from what is picked. */
export function generationCard(isLabel: boolean, digit: DigitPick, temperature: number, seed: number) {
  const allRows = isLabel && digit === "all";
  const title = isLabel
    ? digit === "all"
      ? "Digits 0–9, one row each"
      : `Generated ${digit}s`
    : "Samples from the prior";
  const kind: GalleryKind = allRows ? "label-grid" : "generation";
  const meta: GalleryMeta = { temperature, seed, ...(isLabel && digit !== "all" ? { digit } : {}) };
  return { title, kind, meta, tileSize: allRows ? 36 : 40 };
}
