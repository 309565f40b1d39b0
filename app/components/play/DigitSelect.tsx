"use client";

/** The value of the "auto" choice (a digit picked elsewhere), when the select offers one. */
export const AUTO_DIGIT = "auto";

/** The select's value as a choice: AUTO_DIGIT or the digit. */
export const digitChoiceOf = (value: string): typeof AUTO_DIGIT | number =>
  value === AUTO_DIGIT ? AUTO_DIGIT : Number(value);

/**
 * A labelled select of the digits 0–9 (what a label-conditioned model decodes as), optionally led by an "auto" choice.
 * `value` and `onChange` speak the select's strings: a digit's decimal, or AUTO_DIGIT.
 */
export function DigitSelect({
  label,
  value,
  onChange,
  autoText,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Text of the leading AUTO_DIGIT option; none without it. */
  autoText?: string;
}) {
  return (
    <label className="flex items-center gap-2 text-xs text-slate-400">
      {label}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-200"
      >
        {autoText !== undefined && <option value={AUTO_DIGIT}>{autoText}</option>}
        {Array.from({ length: 10 }, (_, d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
    </label>
  );
}
