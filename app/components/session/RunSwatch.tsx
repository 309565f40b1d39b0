import { runColor } from "../ui";

/** The small square in a run's colour that marks it in headings and legends. */
export function RunSwatch({ index }: { index: number }) {
  return <span aria-hidden="true" className="h-3 w-3 shrink-0 rounded-sm" style={{ background: runColor(index) }} />;
}
