"use client";

import { useEffect, useState } from "react";
import { CopyButton } from "../CopyButton";
import { buttonPrimary } from "../ui";

/**
 * Share: on phones the system share sheet (straight into a chat), elsewhere copy the link.
 * Falls back to copying when the share sheet is missing or refused.
 */
export function ShareButton({ url, title }: { url: string; title: string }) {
  // Decided after mount so server and client render the same first frame.
  const [canShareSheet, setCanShareSheet] = useState(false);
  useEffect(() => {
    setCanShareSheet(typeof navigator.share === "function" && window.matchMedia?.("(pointer: coarse)").matches === true);
  }, []);
  if (!canShareSheet) return <CopyButton text={url} label="Share" className={buttonPrimary} />;
  return (
    <button
      type="button"
      className={buttonPrimary}
      onClick={() => {
        navigator.share({ url, title }).catch(() => {
          void navigator.clipboard?.writeText(url).catch(() => undefined);
        });
      }}
    >
      Share
    </button>
  );
}
