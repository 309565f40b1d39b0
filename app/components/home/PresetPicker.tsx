"use client";

import { CHOICES, type Choice } from "./trainForm";

/** Preset cards as a radio group: arrow keys move between them, the whole card is clickable. */
export function PresetPicker({ value, onChange }: { value: Choice; onChange: (c: Choice) => void }) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold text-slate-300">Model</legend>
      <div className="grid grid-cols-2 gap-2 lg:grid-cols-3" role="radiogroup" aria-label="Model preset">
        {CHOICES.map((c) => {
          const checked = c.id === value;
          return (
            <label
              key={c.id}
              className={`relative flex cursor-pointer flex-col gap-1 rounded-xl border p-3 transition ${c.presets.length > 1 ? "col-span-2 lg:col-span-1" : ""} has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-400 ${
                checked ? "border-sky-500 bg-sky-500/10" : "border-slate-800 bg-slate-900/50 hover:border-slate-600"
              }`}
            >
              <input
                type="radio"
                name="preset"
                value={c.id}
                checked={checked}
                onChange={() => onChange(c.id)}
                className="sr-only"
              />
              <span className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium text-slate-100">
                {c.title}
                {c.presets.length > 1 && (
                  <span className="rounded bg-amber-500/15 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-amber-300">
                    2 runs
                  </span>
                )}
              </span>
              <span className="line-clamp-3 text-xs leading-snug text-slate-400 sm:line-clamp-none">{c.description}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
