"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { RUN_STATUSES, type RunStatus } from "../../../lib/contracts/training";
import { PRESETS, type PresetId } from "../../../lib/model/config";
import { listSessions, type SessionSummary } from "../../client/api";
import { formatCreated } from "../format";
import { RunStatusBadge } from "../session/RunStatusBadge";
import { panel, sectionTitle } from "../ui";
import { errorMessage } from "../../../lib/errors";

const REFRESH_MS = 10_000;

/** Recent sessions, refreshed every 10 s while the tab is visible. */
export function RecentSessions() {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = () => {
      if (document.visibilityState === "hidden") return;
      listSessions()
        .then((s) => {
          if (cancelled) return;
          setSessions(s);
          setError(null);
        })
        .catch((err: unknown) => {
          if (!cancelled) setError(errorMessage(err));
        });
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

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
            <li key={s.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
              <Link
                href={`/s/${s.id}`}
                className="min-w-0 basis-full font-medium text-sky-300 [overflow-wrap:anywhere] hover:underline sm:basis-0 sm:flex-1"
              >
                {s.title}
              </Link>
              <span className="text-xs text-slate-400">{s.runs.map((r) => presetName(r.preset)).join(" + ")}</span>
              <span className="flex gap-1">
                {s.runs.map((r, i) =>
                  isStatus(r.status) ? <RunStatusBadge key={i} run={{ status: r.status }} /> : null,
                )}
              </span>
              <time dateTime={s.createdAt} className="w-24 text-right text-xs text-slate-500 tabular">
                {formatCreated(s.createdAt)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function isStatus(s: string): s is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(s);
}

function presetName(p: string): string {
  return p in PRESETS ? PRESETS[p as PresetId].label : p;
}
