"use client";

import { useId, useState, type FocusEvent, type KeyboardEvent } from "react";

/**
 * State of a tooltip that opens on hover AND keyboard focus (WCAG 1.4.13): it stays open while the pointer
 * is over the trigger or the tooltip itself, and Escape hides it without moving focus. Spread
 * `containerProps` on an element wrapping both; point the trigger's aria-describedby at `id`.
 */
export function useTooltip() {
  const id = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const open = (hovered || focused) && !dismissed;

  const containerProps = {
    onMouseEnter: () => {
      setHovered(true);
      setDismissed(false);
    },
    onMouseLeave: () => setHovered(false),
    onFocus: () => {
      setFocused(true);
      setDismissed(false);
    },
    onBlur: (e: FocusEvent<HTMLElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget)) setFocused(false);
    },
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (e.key === "Escape" && open) {
        setDismissed(true);
        e.stopPropagation();
      }
    },
  };
  return { id, open, containerProps };
}
