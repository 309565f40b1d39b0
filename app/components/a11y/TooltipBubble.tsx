"use client";

import { useLayoutEffect, useRef, type ReactNode } from "react";

/**
 * The tooltip's text, kept in the DOM while hidden so aria-describedby always finds it. When shown it is
 * nudged left if it would stick out of the viewport (a term near the right edge of a phone screen).
 */
export function TooltipBubble({
  id,
  open,
  children,
  className = "",
}: {
  id: string;
  open: boolean;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLSpanElement | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !open) return;
    el.style.translate = "";
    const overflow = el.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) el.style.translate = `${-overflow}px 0`;
  }, [open]);
  return (
    <span
      ref={ref}
      id={id}
      role="tooltip"
      hidden={!open}
      className={`absolute top-full z-30 mt-1 block rounded-md border border-slate-600 bg-slate-950 px-2.5 py-2 text-left text-xs font-normal normal-case leading-snug tracking-normal text-slate-200 shadow-lg ${className}`}
    >
      {children}
    </span>
  );
}
