"use client";

import { useEffect, useRef, useState } from "react";
import { errorMessage } from "../../../lib/errors";
import { claimSession } from "../../client/api";
import { takeControlLink, type ControlLinkNote } from "./controlLinkStore";

export type Claim = { state: "checking" } | { state: "done"; ownerToken?: string; error?: string };

/**
 * Who this browser is for the session: claims ownership when the address carries a control token (and strips it),
 * or takes the owner token a just-created session left behind (shown once as a notice with the control link).
 */
export function useOwnerClaim(sessionId: string) {
  const [claim, setClaim] = useState<Claim>({ state: "checking" });
  const [notice, setNotice] = useState<ControlLinkNote | null>(null);
  const startedFor = useRef<string | null>(null);

  useEffect(() => {
    // Once per session id: React's strict mode re-runs effects, but the notice is read-once and the
    // token has already left the address bar on the second run.
    if (startedFor.current === sessionId) return;
    startedFor.current = sessionId;
    const note = takeControlLink(sessionId);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the note is read once from this browser's storage, which the server render cannot see
    if (note) setNotice(note);
    const url = new URL(window.location.href);
    const token = url.searchParams.get("owner");
    if (!token) {
      setClaim({ state: "done", ...(note ? { ownerToken: note.ownerToken } : {}) });
      return;
    }
    // Strip the token from the address bar right away so it does not end up in screenshots or history.
    url.searchParams.delete("owner");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    claimSession(sessionId, token)
      .then(() => setClaim({ state: "done", ownerToken: token }))
      .catch((err: unknown) =>
        setClaim({
          state: "done",
          error: `This control link did not work (${errorMessage(err)}). You are watching as a viewer.`,
        }),
      );
  }, [sessionId]);

  return { claim, notice, dismissNotice: () => setNotice(null) };
}
