import type { ScatterSummary } from "../../../lib/latent/scatterSummary";
import { formatInt } from "../format";

/** The scatter as numbers (for screen readers and anyone comparing runs): each label's count, centre and spread. */
export function ScatterTable({ summary, caption }: { summary: ScatterSummary; caption: string }) {
  return (
    <details className="mt-2 text-xs text-slate-300">
      <summary className="cursor-pointer text-slate-400 hover:text-slate-200">
        Table: each label&apos;s centre and spread
      </summary>
      <table className="mt-2 w-full tabular">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-slate-400">
            <th scope="col" className="py-0.5 pr-2 font-normal">
              Label
            </th>
            <th scope="col" className="py-0.5 pr-2 text-right font-normal">
              Points
            </th>
            <th scope="col" className="py-0.5 pr-2 text-right font-normal">
              Centre x
            </th>
            <th scope="col" className="py-0.5 pr-2 text-right font-normal">
              Centre y
            </th>
            <th scope="col" className="py-0.5 text-right font-normal">
              Spread
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.labels.map((l) => (
            <tr key={l.label} className="border-t border-slate-800">
              <th scope="row" className="py-0.5 pr-2 text-left font-normal">
                {l.label}
              </th>
              <td className="py-0.5 pr-2 text-right">{formatInt(l.count)}</td>
              <td className="py-0.5 pr-2 text-right">{l.centre[0].toFixed(2)}</td>
              <td className="py-0.5 pr-2 text-right">{l.centre[1].toFixed(2)}</td>
              <td className="py-0.5 text-right">{l.spread.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
