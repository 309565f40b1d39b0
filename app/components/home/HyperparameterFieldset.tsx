"use client";

import { useId } from "react";
import type { DatasetId } from "../../../lib/model/config";
import { HelpField } from "./HelpField";
import { HyperparameterField } from "./HyperparameterField";
import { FIELDS } from "./trainFields";
import type { CreateSessionForm } from "./useCreateSessionForm";

const selectClass = "w-full rounded-md border border-slate-700 bg-slate-950 px-2 py-1.5 text-sm text-slate-100";

/** The hyperparameters (validated as typed) and the dataset; the advanced ones and the title behind "More settings". */
export function HyperparameterFieldset({ form }: { form: CreateSessionForm }) {
  const ids = { dataset: useId(), title: useId() };
  const field = (f: (typeof FIELDS)[number]) => (
    <HyperparameterField
      key={f.name}
      spec={f}
      value={form.values[f.name]}
      error={form.errors[f.name]}
      onChange={form.setField}
    />
  );
  return (
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
            <select
              id={ids.dataset}
              value={form.dataset}
              onChange={(e) => form.setDataset(e.target.value as DatasetId)}
              aria-describedby={describedBy}
              className={selectClass}
            >
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
          <p className="mt-2 text-xs text-slate-400">
            Both runs get the values you change; untouched hidden layers keep each preset&apos;s own architecture.
          </p>
        )}
      </details>
    </fieldset>
  );
}
