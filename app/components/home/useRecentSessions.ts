"use client";

import { useEffect, useState } from "react";
import { errorMessage } from "../../../lib/errors";
import { listSessions, type SessionSummary } from "../../client/api";

const REFRESH_MS = 10_000;

/** The recent sessions (null until the first answer), refreshed every 10 s while the tab is visible. */
export function useRecentSessions() {
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

  return { sessions, error };
}
