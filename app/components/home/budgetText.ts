import { runCost, runLimitViolations } from "../../../lib/budget/limits";
import type { RunLimits } from "../../../lib/contracts/limits";
import type { TrainConfig } from "../../../lib/model/config";
import { formatInt } from "../format";

/** One line of "what this run costs, against this server's limit". */
export interface BudgetLine {
  label: string;
  /** "0.55 M parameters of 8 M" */
  text: string;
  over: boolean;
}

export interface BudgetSummary {
  lines: BudgetLine[];
  /** "You may have up to 8 runs waiting or training at once on this server." */
  perVisitor: string;
  /** The server's own refusal messages for what is over (empty when the runs fit). */
  problems: string[];
}

/** 549,688 -> "0.55 M"; 8,000,000 -> "8 M"; 12,345 -> "12,345". */
export function formatParams(n: number): string {
  if (n < 100_000) return formatInt(n);
  return `${Number((n / 1e6).toPrecision(n < 1e6 ? 2 : 3))} M`;
}

/**
 * The home form's budget lines before Train is pressed: for the largest of the runs (a comparison's runs are checked
 * one by one, as the server does), its size, memory and compute against this server's limits (GET /api/limits).
 * Null while the form is invalid or the limits are unknown.
 */
export function describeBudget(limits: RunLimits | null, configs: readonly TrainConfig[] | null): BudgetSummary | null {
  if (!limits || !configs || configs.length === 0) return null;
  const costs = configs.map(runCost);
  const max = (pick: (c: (typeof costs)[number]) => number) => Math.max(...costs.map(pick));
  const params = max((c) => c.params);
  const memory = max((c) => c.memoryMb);
  const images = max((c) => c.images);
  const widest = configs[costs.findIndex((c) => c.images === images)]!;
  const problems = [...new Set(configs.flatMap((c) => runLimitViolations(c, limits)))];
  const each = configs.length > 1 ? " (largest run)" : "";
  return {
    lines: [
      {
        label: "Model size",
        text: `${formatParams(params)} parameters${each} of ${formatParams(limits.maxModelParams)} allowed`,
        over: params > limits.maxModelParams,
      },
      {
        label: "Server memory",
        text: `about ${formatInt(memory)} MB${each} of ${formatInt(limits.maxRunMemoryMb)} MB allowed`,
        over: memory > limits.maxRunMemoryMb,
      },
      {
        label: "Training images",
        text: `${formatInt(images)} (${formatInt(widest.epochs)} epochs × ${formatInt(widest.trainSize)})${each} of ${formatInt(limits.maxRunImages)} allowed`,
        over: images > limits.maxRunImages,
      },
    ],
    perVisitor: `Up to ${formatInt(limits.clientMaxActiveRuns)} of your runs may wait or train at once on this server${configs.length > 1 ? `; this session starts ${configs.length}` : ""}.`,
    problems,
  };
}
