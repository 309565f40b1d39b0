"use client";

import type { ReactNode } from "react";
import { TooltipBubble } from "../a11y/TooltipBubble";
import { useTooltip } from "../a11y/useTooltip";

/** Label, control, hint line and explanation tooltip; `children` gets the ids the control must be described by. */
export function HelpField({
  id,
  label,
  hint,
  invalid = false,
  explain,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  invalid?: boolean;
  explain: string;
  children: (describedBy: string) => ReactNode;
}) {
  const tip = useTooltip();
  const hintId = `${id}-hint`;
  return (
    <div className="relative flex min-w-0 flex-col gap-1" {...tip.containerProps}>
      <label htmlFor={id} className="text-sm text-slate-300">
        {label} <InfoIcon />
      </label>
      {children(`${hintId} ${tip.id}`)}
      <span id={hintId} className={`text-xs ${invalid ? "text-rose-300" : "text-slate-500"}`}>
        {hint}
      </span>
      <TooltipBubble id={tip.id} open={tip.open} className="inset-x-0 sm:right-auto sm:w-64">
        {explain}
      </TooltipBubble>
    </div>
  );
}

/** A small "i" in a circle: tells mouse users that hovering explains the field (the text itself is the tooltip). */
function InfoIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="inline h-3.5 w-3.5 cursor-help align-[-2px] text-slate-400">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="8" cy="4.75" r="1" fill="currentColor" />
      <path d="M8 7v5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
