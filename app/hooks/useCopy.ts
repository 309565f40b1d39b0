"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** Copies text to the clipboard; `copied` is true for 2 s after success, `error` says what to do on failure. */
export function useCopy(): { copy: (text: string) => Promise<void>; copied: boolean; error: string | null } {
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const copy = useCallback(async (text: string) => {
    try {
      if ("clipboard" in navigator) {
        await navigator.clipboard.writeText(text);
      } else {
        legacyCopy(text);
      }
      setError(null);
      setCopied(true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 2000);
    } catch {
      try {
        legacyCopy(text);
        setError(null);
        setCopied(true);
      } catch {
        setError("Copy failed: select the link and copy it by hand.");
      }
    }
  }, []);
  return { copy, copied, error };
}

/** Clipboard API is missing on plain-http origins other than localhost: fall back to a hidden textarea. */
function legacyCopy(text: string): void {
  const ta = document.createElement("textarea");
  ta.value = text;
  ta.setAttribute("readonly", "");
  ta.style.position = "fixed";
  ta.style.opacity = "0";
  document.body.appendChild(ta);
  ta.select();
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the fallback for where the Clipboard API is missing, which is the point
  const ok = document.execCommand("copy");
  ta.remove();
  if (!ok) throw new Error("copy failed");
}
