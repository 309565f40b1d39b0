/** Shared Tailwind class strings, so buttons and panels look the same everywhere. */

export const buttonBase =
  "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition disabled:cursor-not-allowed disabled:opacity-50";
export const buttonPrimary = `${buttonBase} bg-sky-500 text-slate-950 hover:bg-sky-400`;
export const buttonSecondary = `${buttonBase} border border-slate-700 bg-slate-800/60 text-slate-100 hover:bg-slate-700`;
export const buttonDanger = `${buttonBase} border border-rose-800 bg-rose-950/60 text-rose-200 hover:bg-rose-900`;
export const panel = "rounded-xl border border-slate-800 bg-slate-900/50 p-4";
export const sectionTitle = "text-sm font-semibold uppercase tracking-wide text-slate-400";

/** Stroke colours of runs, by run index (matches --color-run-* in globals.css). */
export const RUN_COLORS = ["#38bdf8", "#f59e0b", "#a78bfa", "#34d399"] as const;
export function runColor(index: number): string {
  return RUN_COLORS[index % RUN_COLORS.length]!;
}
