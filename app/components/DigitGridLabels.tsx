/** A digit grid's column labels (above) or row labels (to the left), one per tile pitch, hidden from screen readers. */
export function DigitGridLabels({
  labels,
  count,
  axis,
}: {
  labels: readonly string[];
  count: number;
  axis: "row" | "col";
}) {
  const row = axis === "row";
  return (
    <div
      className={
        row
          ? "flex flex-col pr-1 text-right font-mono text-xs text-slate-400"
          : "flex text-center font-mono text-[10px] text-slate-400 sm:text-xs"
      }
      aria-hidden="true"
    >
      {Array.from({ length: count }, (_, i) => (
        <span
          key={i}
          className={row ? "flex flex-1 items-center justify-end whitespace-nowrap" : "min-w-0 flex-1 truncate"}
        >
          {labels[i] ?? ""}
        </span>
      ))}
    </div>
  );
}
