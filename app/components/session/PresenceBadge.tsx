/** How many people watch the session now (announced politely as it changes). */
export function PresenceBadge({ viewers }: { viewers: number }) {
  return (
    <span
      data-testid="presence"
      data-count={viewers}
      className="inline-flex items-center gap-1.5 rounded-full border border-slate-700 px-2.5 py-1 text-sm text-slate-300 tabular"
      aria-live="polite"
    >
      <span aria-hidden="true" className="h-2 w-2 rounded-full bg-emerald-400" />
      {viewers} watching
    </span>
  );
}
