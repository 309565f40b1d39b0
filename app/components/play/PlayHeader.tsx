"use client";

import Link from "next/link";
import type { LiveRun } from "../../client/sessionState";
import { textLink } from "../ui";

/** The Play view's title, the way back to the live session, and a model picker when the session has several runs. */
export function PlayHeader({
  sessionId,
  title,
  runs,
  runId,
  onSelectRun,
}: {
  sessionId: string;
  title: string | undefined;
  runs: LiveRun[];
  runId: string | undefined;
  onSelectRun: (runId: string) => void;
}) {
  return (
    <header className="flex flex-wrap items-baseline gap-x-3 gap-y-2">
      <h1 className="min-w-0 break-words text-2xl font-semibold">Play{title !== undefined ? `: ${title}` : ""}</h1>
      <Link href={`/s/${sessionId}`} className={`text-sm ${textLink}`}>
        back to the live session
      </Link>
      {runs.length > 1 && (
        <label className="flex items-center gap-2 text-sm text-slate-300 sm:ml-auto">
          Model
          <select
            aria-label="Model"
            value={runId ?? ""}
            onChange={(e) => onSelectRun(e.target.value)}
            className="max-w-full rounded border border-slate-700 bg-slate-900 px-2 py-1"
          >
            {runs.map((r) => (
              <option key={r.view.id} value={r.view.id}>
                {r.view.preset} ({r.view.status})
              </option>
            ))}
          </select>
        </label>
      )}
    </header>
  );
}
