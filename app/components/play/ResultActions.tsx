"use client";

import { buttonSmall, buttonSmallPrimary } from "../ui";

/** Download PNG and Save to gallery. Accessible names start with the visible words (WCAG 2.5.3, for voice control), then say which picture. */
export function ResultActions({
  title,
  saving,
  onDownload,
  onSave,
}: {
  title: string;
  saving: boolean;
  onDownload: () => void;
  onSave: () => void;
}) {
  const saveText = saving ? "Saving…" : "Save to gallery";
  return (
    <div className="ml-auto flex gap-2">
      <button type="button" onClick={onDownload} className={buttonSmall} aria-label={`Download PNG: ${title}`}>
        Download PNG
      </button>
      <button
        type="button"
        onClick={onSave}
        disabled={saving}
        className={buttonSmallPrimary}
        aria-label={`${saveText}: ${title}`}
      >
        {saveText}
      </button>
    </div>
  );
}
