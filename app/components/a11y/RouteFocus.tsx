"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** How long to wait for a page that draws its heading only after data arrives (the live view's snapshot). */
const WAIT_FOR_HEADING_MS = 10_000;

/**
 * After a client-side navigation, moves keyboard and screen-reader focus to the new page's main heading,
 * where a full page load would have put them; without this, focus stays on the link that was clicked (or
 * falls back to <body>) and a screen reader announces nothing. Skips the first load, and never takes
 * focus from an element inside the page the user has moved to in the meantime.
 */
export function RouteFocus({ mainId }: { mainId: string }) {
  const pathname = usePathname();
  const previous = useRef<string | null>(null);

  useEffect(() => {
    const from = previous.current;
    previous.current = pathname;
    if (from === null || from === pathname) return;
    return focusHeadingWhenReady(mainId);
  }, [pathname, mainId]);

  return null;
}

/** Focuses `#mainId h1` now or as soon as it appears; returns a cancel function. */
function focusHeadingWhenReady(mainId: string): () => void {
  const main = document.getElementById(mainId);
  if (!main) return () => {};
  const startedWith = document.activeElement;

  const tryFocus = (): boolean => {
    const heading = main.querySelector("h1");
    if (!heading) return false;
    const active = document.activeElement;
    const userMovedOn = active !== null && active !== startedWith && active !== document.body && main.contains(active);
    if (!userMovedOn) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    return true;
  };

  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(stop, WAIT_FOR_HEADING_MS);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(main, { childList: true, subtree: true });
  return stop;
}
