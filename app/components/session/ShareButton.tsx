"use client";

import { useBrowserValue } from "../../hooks/useBrowserValue";
import { CopyButton } from "../CopyButton";
import { buttonPrimary } from "../ui";

/**
 * Share: on phones the system share sheet (straight into a chat), elsewhere copy the link.
 * Falls back to copying when the share sheet is missing or refused.
 */
export function ShareButton({ url, title }: { url: string; title: string }) {
  // The server snapshot (false) renders the first frame on both sides; the browser's answer follows.
  const canShareSheet = useBrowserValue(hasShareSheet, false);
  if (!canShareSheet) return <CopyButton text={url} label="Share" className={buttonPrimary} />;
  return (
    <button
      type="button"
      className={buttonPrimary}
      onClick={() => {
        navigator.share({ url, title }).catch(() => {
          // No clipboard outside secure contexts, whatever the DOM types say.
          if ("clipboard" in navigator) navigator.clipboard.writeText(url).catch(() => undefined);
        });
      }}
    >
      Share
    </button>
  );
}

/** A phone's share sheet. Older browsers and test DOMs lack share or matchMedia, whatever the DOM types say. */
function hasShareSheet(): boolean {
  return (
    typeof navigator.share === "function" && "matchMedia" in window && window.matchMedia("(pointer: coarse)").matches
  );
}
