"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { claimSession } from "../../client/api";
import { orderedRuns, sessionStatus } from "../../client/sessionState";
import { useLiveSession } from "../../hooks/useLiveSession";
import { ConnectionBanner } from "./ConnectionBanner";
import { absoluteUrl, takeControlLink, type ControlLinkNote } from "./controlLinkStore";
import { ControlLinkNotice } from "./ControlLinkNotice";
import { ComparisonTable } from "./ComparisonTable";
import { LatentScatters } from "./LatentScatters";
import { LossCharts } from "./LossCharts";
import { DeleteSessionButton, RunControls } from "./OwnerControls";
import { RunProgress } from "./RunProgress";
import { SampleGrids } from "./SampleGrids";
import { SessionHeader } from "./SessionHeader";
import { errorMessage } from "../../../lib/errors";

type Claim = { state: "checking" } | { state: "done"; ownerToken?: string; error?: string };

/**
 * The live view of one session: claims ownership if the URL carries a control token, then joins over
 * Socket.IO and renders the snapshot + deltas. Nothing here needs a reload to see something new.
 */
export function LiveSession({ sessionId }: { sessionId: string }) {
  const router = useRouter();
  const [claim, setClaim] = useState<Claim>({ state: "checking" });
  const [notice, setNotice] = useState<ControlLinkNote | null>(null);
  // "" in the server render (and the first client frame), the page's origin after.
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
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

  const ownerToken = claim.state === "done" ? claim.ownerToken : undefined;
  const { state, control } = useLiveSession(sessionId, { enabled: claim.state === "done", ...(ownerToken ? { ownerToken } : {}) });
  // Stable while only presence or connection changes, so charts do not recompute for nothing.
  const { runs: runsById, runOrder } = state;
  const runs = useMemo(() => orderedRuns({ runs: runsById, runOrder }), [runsById, runOrder]);
  const session = state.session;

  const status = sessionStatus(state);
  useEffect(() => {
    if (session) document.title = `${session.title}${status ? ` (${status})` : ""} · VAE Playground`;
  }, [session, status]);

  const shareUrl = absoluteUrl(`/s/${sessionId}`, origin || "http://localhost");

  return (
    <div className="flex flex-col gap-4">
      <ConnectionBanner connection={state.connection} error={state.error} />
      {claim.state === "done" && claim.error && (
        <p role="alert" className="rounded-lg border border-rose-900 bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
          {claim.error}
        </p>
      )}
      {notice && (
        <ControlLinkNotice controlUrl={absoluteUrl(notice.controlUrl, origin || "http://localhost")} onDismiss={() => setNotice(null)} />
      )}
      {!session ? (
        state.connection !== "error" && state.connection !== "deleted" && <SkeletonPage />
      ) : (
        <>
          <SessionHeader
            session={session}
            viewers={state.viewers}
            isOwner={state.isOwner}
            shareUrl={shareUrl}
            onForked={(id) => router.push(`/s/${id}`)}
            ownerActions={<DeleteSessionButton control={control} onDeleted={() => router.push("/")} />}
          />
          <div className={`grid gap-3 ${runs.length > 1 ? "md:grid-cols-2" : ""}`}>
            {runs.map((r) => (
              <RunProgress
                key={r.view.id}
                sessionId={sessionId}
                run={r}
                controls={state.isOwner ? <RunControls run={r.view} control={control} /> : undefined}
              />
            ))}
          </div>
          <ComparisonTable sessionId={sessionId} runs={runs} />
          <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <LossCharts runs={runs} />
            <div className="flex flex-col gap-4">
              {runs.map((r) => (
                <SampleGrids key={r.view.id} sessionId={sessionId} run={r} />
              ))}
            </div>
          </div>
          <LatentScatters sessionId={sessionId} runs={runs} />
        </>
      )}
    </div>
  );
}

function SkeletonPage() {
  return (
    <div aria-hidden="true" className="flex animate-pulse flex-col gap-4">
      <div className="h-8 w-64 rounded bg-slate-800" />
      <div className="h-24 rounded-xl bg-slate-900" />
      <div className="h-72 rounded-xl bg-slate-900" />
    </div>
  );
}

/** The origin never changes while the page lives. */
function noSubscription(): () => void {
  return () => undefined;
}
