"use client";

import type { BudgetSummary } from "./budgetText";

/**
 * "This server's limits" before Train: the run's size, memory and compute against what one visitor may spend, and
 * the server's own words for anything over (Train stays disabled until it fits).
 */
export function RunBudget({ summary }: { summary: BudgetSummary | null }) {
  if (!summary) return null;
  return (
    <section aria-labelledby="run-budget-heading" className="text-sm text-slate-300" data-testid="run-budget">
      <h2 id="run-budget-heading" className="text-sm font-semibold text-slate-300">
        This server&apos;s limits
      </h2>
      <ul className="mt-1 flex flex-col gap-0.5">
        {summary.lines.map((line) => (
          <li key={line.label} className={line.over ? "text-rose-300" : undefined} data-over={line.over || undefined}>
            <span className="text-slate-400">{line.label}:</span> <span className="tabular">{line.text}</span>
            {line.over && <strong className="font-semibold"> — over the limit</strong>}
          </li>
        ))}
      </ul>
      <p className="mt-1 text-slate-400">{summary.perVisitor}</p>
      {summary.problems.length > 0 && (
        <p
          role="alert"
          className="mt-2 rounded-md border border-rose-900 bg-rose-950/50 px-3 py-2 text-rose-200"
          data-testid="budget-problems"
        >
          Too big for this server: {summary.problems.join("; ")}.
        </p>
      )}
    </section>
  );
}
