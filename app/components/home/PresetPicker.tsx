"use client";

import { useId } from "react";
import { CHOICES, type Choice, type PresetChoice } from "./presetChoices";

/**
 * Preset cards as a radio group: arrow keys move between them, the whole card is clickable. Each card
 * says what the model is for in a plain sentence; the layer sizes follow in small print.
 */
export function PresetPicker({ value, onChange }: { value: Choice; onChange: (c: Choice) => void }) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold text-slate-300">Model</legend>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3" role="radiogroup" aria-label="Model preset">
        {CHOICES.map((c) => (
          <PresetCard key={c.id} choice={c} checked={c.id === value} onPick={() => onChange(c.id)} />
        ))}
      </div>
    </fieldset>
  );
}

function PresetCard({ choice: c, checked, onPick }: { choice: PresetChoice; checked: boolean; onPick: () => void }) {
  const id = useId();
  return (
    <label
      className={`relative flex min-w-0 cursor-pointer flex-col gap-1 rounded-xl border p-3 transition has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus ${
        checked ? "border-sky-500 bg-sky-500/10" : "border-slate-800 bg-slate-900/50 hover:border-slate-600"
      }`}
    >
      {/* Named by the title alone; what it is for is its description (read after the name). */}
      <input
        type="radio"
        name="preset"
        value={c.id}
        checked={checked}
        onChange={onPick}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-purpose ${id}-arch`}
        className="sr-only"
      />
      <span className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium text-slate-100 [overflow-wrap:anywhere]">
        <span id={`${id}-title`}>{c.title}</span>
        {c.presets.length > 1 && (
          <span className="rounded bg-amber-500/15 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-amber-300">
            2 runs
          </span>
        )}
      </span>
      <span id={`${id}-purpose`} className="text-sm leading-snug text-slate-300">
        {c.purpose}
      </span>
      <span id={`${id}-arch`} className="font-mono text-[11px] leading-snug text-slate-400 [overflow-wrap:anywhere]">
        {c.architecture}
      </span>
    </label>
  );
}
