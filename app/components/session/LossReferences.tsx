"use client";

import { memo } from "react";
import type { LiveRun } from "../../client/sessionState";
import { referenceText } from "./runAdvice";
import { presetLabel } from "./runText";

/** Reference numbers only for runs whose setup they were measured with (runAdvice.ts), named by run. */
export const LossReferences = memo(function LossReferences({ runs }: { runs: LiveRun[] }) {
  const lines = runs.flatMap((r) => {
    const text = referenceText(r.view.config, null);
    return text ? [{ id: r.view.id, text: runs.length > 1 ? `${presetLabel(r.view.preset)}: ${text}` : text }] : [];
  });
  if (lines.length === 0) return null;
  return (
    <p className="text-xs text-slate-500">
      Reference{lines.length > 1 ? "s" : ""}: {lines.map((l) => l.text).join("; ")}
    </p>
  );
});
