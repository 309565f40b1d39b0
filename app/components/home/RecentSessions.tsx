"use client";

import { panel, sectionTitle } from "../ui";
import { RecentSessionRow } from "./RecentSessionRow";
import { useRecentSessions } from "./useRecentSessions";

/** Recent sessions, refreshed every 10 s while the tab is visible. */
export function RecentSessions() {
  const { sessions, error } = useRecentSessions();
  return (
    <section className={panel} aria-labelledby="recent-heading">
      <h2 id="recent-heading" className={sectionTitle}>
        Recent sessions
      </h2>
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-300">
          {error}
        </p>
      )}
      {sessions === null && !error && <p className="mt-2 text-sm text-slate-500">Loading…</p>}
      {sessions !== null && sessions.length === 0 && (
        <p className="mt-2 text-sm text-slate-400">No sessions yet: pick a model above and press Train.</p>
      )}
      {sessions !== null && sessions.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-800" data-testid="recent-sessions">
          {sessions.map((s) => (
            <RecentSessionRow key={s.id} session={s} />
          ))}
        </ul>
      )}
    </section>
  );
}
