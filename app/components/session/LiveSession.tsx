"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { useBrowserValue } from "../../hooks/useBrowserValue";
import { orderedRuns, sessionStatus } from "../../client/sessionState";
import { useLiveSession } from "../../hooks/useLiveSession";
import { ConnectionBanner } from "./ConnectionBanner";
import { absoluteUrl } from "./controlLinkStore";
import { ControlLinkNotice } from "./ControlLinkNotice";
import { DeleteSessionButton } from "./DeleteSessionButton";
import { SessionHeader } from "./SessionHeader";
import { SessionRuns, SkeletonPage } from "./SessionRuns";
import { useOwnerClaim } from "./useOwnerClaim";

/**
 * The live view of one session: claims ownership if the URL carries a control token, then joins over
 * Socket.IO and renders the snapshot + deltas. Nothing here needs a reload to see something new.
 */
export function LiveSession({ sessionId }: { sessionId: string }) {
  const router = useRouter();
  const { claim, notice, dismissNotice } = useOwnerClaim(sessionId);
  // "" in the server render (and the first client frame), the page's origin after.
  const origin = useBrowserValue(() => window.location.origin, "");
  const ownerToken = claim.state === "done" ? claim.ownerToken : undefined;
  const { state, control } = useLiveSession(sessionId, {
    enabled: claim.state === "done",
    ...(ownerToken ? { ownerToken } : {}),
  });
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
        <ControlLinkNotice
          controlUrl={absoluteUrl(notice.controlUrl, origin || "http://localhost")}
          onDismiss={dismissNotice}
        />
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
          <SessionRuns sessionId={sessionId} runs={runs} isOwner={state.isOwner} control={control} />
        </>
      )}
    </div>
  );
}
