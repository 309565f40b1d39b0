"use client";

import { useId } from "react";
import type { DatasetId } from "../../../lib/model/config";
import { ShortRunNote } from "../session/ShortRunNote";
import { buttonPrimary, buttonSecondary, panel } from "../ui";
import { describeBudget } from "./budgetText";
import { HelpField, HyperparameterField } from "./HyperparameterField";
import { PresetPicker } from "./PresetPicker";
import { RunBudget } from "./RunBudget";
import { TrainingEstimate } from "./TrainingEstimate";
import { useLimits } from "./useLimits";
import { FIELDS } from "./trainForm";
import { useCreateSessionForm, type FormErrors } from "./useCreateSessionForm";

const selectClass = "w-full rounded-md border border-slate-700 bg-slate-950 px-2 py-1.5 text-sm text-slate-100";

/** Pick a preset, adjust a few hyperparameters (validated as you type), see how long it will take, press Train. */
export function CreateSessionForm() {
  const form = useCreateSessionForm();
  const budget = describeBudget(useLimits(), form.configs);
  const overBudget = (budget?.problems.length ?? 0) > 0;
  const ids = { dataset: useId(), title: useId() };
  const field = (f: (typeof FIELDS)[number]) => <HyperparameterField key={f.name} spec={f} value={form.values[f.name]} error={form.errors[f.name]} onChange={form.setField} />;

  return (
    <form onSubmit={(e) => void form.submit(e)} className={`${panel} flex flex-col gap-5`} aria-label="New training session" noValidate>
      <PresetPicker value={form.choice} onChange={form.pickChoice} />

      <fieldset className="min-w-0">
        <legend className="mb-2 text-sm font-semibold text-slate-300">Hyperparameters</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {FIELDS.filter((f) => !f.advanced).map(field)}
          <HelpField
            id={ids.dataset}
            label="Dataset"
            hint="28x28 grayscale"
            explain="MNIST: 70,000 handwritten digits. Fashion-MNIST: the same number and size of pictures of clothes, a harder test for the same models."
          >
            {(describedBy) => (
              <select id={ids.dataset} value={form.dataset} onChange={(e) => form.setDataset(e.target.value as DatasetId)} aria-describedby={describedBy} className={selectClass}>
                <option value="mnist">MNIST digits</option>
                <option value="fashion-mnist">Fashion-MNIST</option>
              </select>
            )}
          </HelpField>
        </div>
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-slate-400 hover:text-slate-200">More settings</summary>
          <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
            {FIELDS.filter((f) => f.advanced).map(field)}
            <div className="col-span-2 flex flex-col gap-1">
              <label htmlFor={ids.title} className="text-sm text-slate-300">
                Title
              </label>
              <input
                id={ids.title}
                value={form.title}
                maxLength={120}
                placeholder="optional, e.g. β = 4 on Fashion-MNIST"
                onChange={(e) => form.setTitle(e.target.value)}
                className="rounded-md border border-slate-700 bg-slate-950 px-2 py-1.5 text-sm text-slate-100"
              />
            </div>
          </div>
          {form.choice === "seed-comparison" && (
            <p className="mt-2 text-xs text-slate-400">Both runs get the values you change; untouched hidden layers keep each preset&apos;s own architecture.</p>
          )}
        </details>
      </fieldset>

      {(form.choice === "cvae-label" || form.choice === "seed-comparison") && (
        <p className="text-xs text-slate-400" data-testid="label-hint">
          &quot;Generate a 7&quot; gives a 7: CVAE on labels learns a prior per digit and starts with a KL weight of 3,
          so after 10 epochs 95.7–97.1 % of its generated digits are read as the requested one by a classifier (3
          seeds; 76–78 % with the seed&apos;s N(0, I) prior and a constant β).
        </p>
      )}
      {form.configs && <ShortRunNote config={form.configs[form.configs.length - 1]!} />}

      <TrainFooter errors={form.errors} submitting={form.submitting} hasErrors={form.hasErrors} overBudget={overBudget} onReset={form.reset}>
        <RunBudget summary={budget} />
        <TrainingEstimate configs={form.configs} />
      </TrainFooter>
    </form>
  );
}

function TrainFooter({
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
        <button type="submit" className={`${buttonPrimary} px-5 py-2 text-base`} disabled={submitting || hasErrors || overBudget}>
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
