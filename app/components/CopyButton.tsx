"use client";

import { useCopy } from "../hooks/useCopy";
import { buttonSecondary } from "./ui";

/** A button that copies `text`; says "Copied" for a moment, or how to copy by hand if the clipboard is blocked. */
export function CopyButton({ text, label, className }: { text: string; label: string; className?: string }) {
  const { copy, copied, error } = useCopy();
  return (
    <span className="inline-flex flex-col">
      <button type="button" className={className ?? buttonSecondary} onClick={() => void copy(text)} aria-label={label}>
        {copied ? "Copied ✓" : label}
      </button>
      <span role="status" className="text-xs text-rose-300">
        {error}
      </span>
    </span>
  );
}
