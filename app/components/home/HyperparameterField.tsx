"use client";

import { useId } from "react";
import { HelpField } from "./HelpField";
import type { FieldName, FieldSpec } from "./trainFields";

const inputClass = "w-full rounded-md border bg-slate-950 px-2 py-1.5 text-sm text-slate-100";

/**
 * One labelled input with its hint (or zod's message) underneath and a longer explanation that opens on
 * hover and on keyboard focus; the input is described by both, so screen readers read them too.
 */
export function HyperparameterField({
  spec,
  value,
  error,
  onChange,
}: {
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  onChange: (name: FieldName, raw: string) => void;
}) {
  const id = useId();
  return (
    <HelpField id={id} label={spec.label} hint={error ?? spec.hint} invalid={!!error} explain={spec.explain}>
      {(describedBy) => (
        <input
          id={id}
          name={spec.name}
          value={value}
          inputMode={spec.kind === "int" ? "numeric" : spec.kind === "float" ? "decimal" : "text"}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(spec.name, e.target.value)}
          className={`${inputClass} tabular ${error ? "border-rose-600" : "border-slate-700"}`}
        />
      )}
    </HelpField>
  );
}
