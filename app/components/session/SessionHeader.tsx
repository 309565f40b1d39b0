"use client";

import Link from "next/link";
import type { SessionView } from "../../../lib/contracts/session";
import { forkSession } from "../../client/api";
import { ShareButton } from "./ShareButton";
import { formatCreated } from "../format";
import { buttonSecondary } from "../ui";
import { rememberControlLink } from "./controlLinkStore";
import { PresenceBadge } from "./PresenceBadge";
import { useCommand } from "./useCommand";

interface Props {
  session: SessionView;
  viewers: number;
  isOwner: boolean;
  shareUrl: string;
  /** Owner-only actions (delete), rendered on the right. */
  ownerActions?: React.ReactNode;
  onForked: (newSessionId: string) => void;
}

/** Title, presence, Share, Fork (viewers) and the links to downloads and the Play view. */
export function SessionHeader({ session, viewers, isOwner, shareUrl, ownerActions, onForked }: Props) {
  const { busy, error: forkError, run } = useCommand<"fork">();
  const forking = busy !== null;
  const fork = () =>
    run(
      "fork",
      async () => {
        const res = await forkSession(session.id);
        rememberControlLink(res.id, { controlUrl: res.controlUrl, ownerToken: res.ownerToken });
        onForked(res.id);
      },
      true,
    );

  return (
    <header className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="break-words text-xl font-semibold text-slate-50 sm:text-2xl">{session.title}</h1>
          <p className="mt-0.5 text-sm text-slate-400">
            {session.dataset === "fashion-mnist" ? "Fashion-MNIST" : "MNIST"} · {session.runs.length}{" "}
            {session.runs.length === 1 ? "run" : "runs"} · created {formatCreated(session.createdAt)}
            {isOwner && (
              <span className="ml-2 rounded bg-sky-500/15 px-1.5 py-0.5 text-xs text-sky-300">
                you own this session
              </span>
            )}
          </p>
        </div>
        <PresenceBadge viewers={viewers} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <ShareButton url={shareUrl} title={session.title} />
        <Link href={`/s/${session.id}/play`} className={buttonSecondary}>
          Play with the digits
        </Link>
        {!isOwner && (
          <button type="button" className={buttonSecondary} onClick={() => void fork()} disabled={forking}>
            {forking ? "Forking…" : "Fork"}
          </button>
        )}
        {isOwner && (
          <span className="ml-auto" data-testid="owner-controls">
            {ownerActions}
          </span>
        )}
      </div>
      {forkError && (
        <p role="alert" className="text-sm text-rose-300">
          {forkError}
        </p>
      )}
    </header>
  );
}
