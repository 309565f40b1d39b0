"use client";

import { buttonPrimary, buttonSecondary } from "../ui";
import type { FormErrors } from "./useCreateSessionForm";

/** The form's own error, the budget and estimate (children), and the Train and Reset buttons. */
export function TrainFooter({
  errors,
  submitting,
  hasErrors,
  overBudget,
  onReset,
  children,
}: {
  errors: FormErrors;
  submitting: boolean;
  hasErrors: boolean;
  /** The runs exceed this server's limits (the server would refuse them). */
  overBudget: boolean;
  onReset: () => void;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-3">
      {errors.form && (
        <p role="alert" className="rounded-md border border-rose-900 bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
          {errors.form}
        </p>
      )}
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          className={`${buttonPrimary} px-5 py-2 text-base`}
          disabled={submitting || hasErrors || overBudget}
        >
          {submitting ? "Starting…" : "Train"}
        </button>
        <button type="button" className={buttonSecondary} onClick={onReset} disabled={submitting}>
          Reset to defaults
        </button>
        {hasErrors && <span className="text-sm text-rose-300">Fix the fields marked in red first.</span>}
      </div>
    </div>
  );
}
