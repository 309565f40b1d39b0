"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type SubmitEvent } from "react";
import type { DatasetId } from "../../../lib/model/config";
import { errorMessage } from "../../../lib/errors";
import { createSession } from "../../client/api";
import { rememberControlLink } from "../session/controlLinkStore";
import { CHOICES, type Choice } from "./presetChoices";
import { FIELDS, type FieldName } from "./trainFields";
import { buildCreateBody, defaultValues, parseField, previewConfigs, type FieldValues } from "./trainForm";

export type FormErrors = Partial<Record<FieldName | "form", string>>;

/** State of the create-session form: preset, fields validated as typed, submit to POST /api/sessions. */
export function useCreateSessionForm() {
  const router = useRouter();
  const [choice, setChoice] = useState<Choice>("vae-seed");
  const [values, setValues] = useState<FieldValues>(() => defaultValues("vae-seed"));
  const [dirty, setDirty] = useState<Set<FieldName>>(new Set());
  const [dataset, setDataset] = useState<DatasetId>("mnist");
  const [title, setTitle] = useState("");
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitting, setSubmitting] = useState(false);

  const pickChoice = (c: Choice) => {
    setChoice(c);
    // Fields the user did not touch follow the new preset's defaults.
    const defaults = defaultValues(CHOICES.find((x) => x.id === c)!.presets[0]!);
    setValues((v) => {
      const next = { ...v };
      for (const f of FIELDS) if (!dirty.has(f.name)) next[f.name] = defaults[f.name];
      return next;
    });
  };

  const setField = (name: FieldName, raw: string) => {
    setValues((v) => ({ ...v, [name]: raw }));
    setDirty((d) => new Set(d).add(name));
    const parsed = parseField(name, raw);
    // This field's error is replaced (or dropped) and the form-level one goes: the user is fixing things.
    setErrors(({ [name]: _previous, form: _form, ...rest }) =>
      "error" in parsed ? { ...rest, [name]: parsed.error } : rest,
    );
  };

  const reset = () => {
    setValues(defaultValues(CHOICES.find((x) => x.id === choice)!.presets[0]!));
    setDirty(new Set());
    setErrors({});
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const built = buildCreateBody({ choice, dataset, title, values });
    if ("errors" in built) {
      setErrors(built.errors);
      return;
    }
    setSubmitting(true);
    setErrors({});
    try {
      const res = await createSession(built.body);
      rememberControlLink(res.id, { controlUrl: res.controlUrl, ownerToken: res.ownerToken });
      router.push(`/s/${res.id}`);
    } catch (err) {
      setErrors({ form: errorMessage(err) });
      setSubmitting(false);
    }
  };

  /** What the runs would be if Train were pressed now (null while a field is invalid). */
  const configs = useMemo(() => previewConfigs({ choice, dataset, title, values }), [choice, dataset, title, values]);
  const hasErrors = Object.keys(errors).some((k) => k !== "form");

  return {
    choice,
    values,
    dataset,
    title,
    errors,
    submitting,
    hasErrors,
    configs,
    pickChoice,
    setField,
    setDataset,
    setTitle,
    reset,
    submit,
  };
}
export type CreateSessionForm = ReturnType<typeof useCreateSessionForm>;
