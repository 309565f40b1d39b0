/**
 * Shared Tailwind class strings, so buttons and panels look the same everywhere. Colours here and in
 * globals.css are the design tokens: every text/background pair they produce meets WCAG AA (4.5:1), which
 * the axe-core e2e test checks on every page.
 */

export const buttonBase =
  "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition disabled:cursor-not-allowed disabled:opacity-50";
/** Dark text on sky-500 (7.0:1); white on a blue fill would need sky-700 or darker. */
export const buttonPrimary = `${buttonBase} bg-sky-500 text-slate-950 hover:bg-sky-400`;
export const buttonSecondary = `${buttonBase} border border-slate-700 bg-slate-800/60 text-slate-100 hover:bg-slate-700`;
export const buttonDanger = `${buttonBase} border border-rose-800 bg-rose-950/60 text-rose-200 hover:bg-rose-900`;

const smallBase =
  "inline-flex items-center justify-center rounded px-2 py-1 text-xs font-medium transition disabled:cursor-not-allowed disabled:opacity-50";
/** Compact buttons inside result cards and tool rows. */
export const buttonSmallPrimary = `${smallBase} bg-sky-500 text-slate-950 hover:bg-sky-400`;
export const buttonSmall = `${smallBase} border border-slate-700 text-slate-200 hover:bg-slate-800`;

/** A button that stays pressed (digit pickers, drawing tools): selected = the primary fill. */
export function toggleButton(selected: boolean, size: "sm" | "md" = "sm"): string {
  const box = size === "md" ? "rounded" : "rounded px-2 py-1 text-xs";
  return `${box} transition ${selected ? "bg-sky-500 text-slate-950" : "border border-slate-700 text-slate-200 hover:bg-slate-800"}`;
}

export const textLink = "text-sky-300 underline decoration-sky-300/50 underline-offset-2 hover:text-sky-200";
export const panel = "rounded-xl border border-slate-800 bg-slate-900/50 p-4";
export const sectionTitle = "text-sm font-semibold uppercase tracking-wide text-slate-400";

/** Stroke colours of runs, by run index (matches --color-run-* in globals.css). */
export const RUN_COLORS = ["#38bdf8", "#f59e0b", "#a78bfa", "#34d399"] as const;
export function runColor(index: number): string {
  return RUN_COLORS[index % RUN_COLORS.length]!;
}
