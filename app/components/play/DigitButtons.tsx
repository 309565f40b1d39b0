"use client";

import { toggleButton } from "../ui";
import type { DigitPick } from "./generation";

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** The label model's digit picker: a button per digit and "All digits". */
export function DigitButtons({ digit, onPick }: { digit: DigitPick; onPick: (digit: DigitPick) => void }) {
  return (
    <div role="group" aria-label="Digit to generate" className="grid grid-cols-5 gap-1.5">
      {DIGITS.map((d) => (
        // Named by its visible digit (voice control: "click 7"); the tooltip and description say what it does.
        <button
          key={d}
          type="button"
          aria-pressed={digit === d}
          title={`Generate ${d}s`}
          onClick={() => onPick(d)}
          className={`h-10 font-mono text-base ${toggleButton(digit === d, "md")}`}
        >
          {d}
        </button>
      ))}
      <button
        type="button"
        aria-pressed={digit === "all"}
        onClick={() => onPick("all")}
        className={`col-span-5 h-9 px-3 ${toggleButton(digit === "all", "md")} text-sm`}
      >
        All digits
      </button>
    </div>
  );
}
