import Link from "next/link";
import type { ReactNode } from "react";
import type { ConnectionStatus } from "../../client/sessionState";

/** Tells the viewer when the page is not live, and what to do about it. */
export function ConnectionBanner({ connection, error }: { connection: ConnectionStatus; error: string | null }) {
  switch (connection) {
    case "live":
      return null;
    case "reconnecting":
      return (
        <Banner state={connection} role="status" colors="border-amber-800 bg-amber-950/40 text-amber-200">
          Connection lost: reconnecting… What you see stays on screen and catches up when the server is back.
        </Banner>
      );
    case "error":
      return (
        <Banner state={connection} role="alert" colors="border-rose-900 bg-rose-950/50 text-rose-200">
          {error ?? "Something went wrong."}{" "}
          <Link href="/" className="text-sky-300 underline">
            Home page
          </Link>
        </Banner>
      );
    case "deleted":
      return (
        <Banner state={connection} role="alert" colors="border-slate-700 bg-slate-900 text-slate-200">
          This session was deleted by its owner.{" "}
          <Link href="/" className="text-sky-300 underline">
            Start a new one
          </Link>
          .
        </Banner>
      );
    default:
      return (
        <Banner state={connection} role="status" colors="border-slate-800 bg-slate-900 text-slate-400">
          Connecting to the session…
        </Banner>
      );
  }
}

function Banner({
  state,
  role,
  colors,
  children,
}: {
  state: ConnectionStatus;
  role: "status" | "alert";
  colors: string;
  children: ReactNode;
}) {
  return (
    <p
      role={role}
      data-testid="connection"
      data-state={state}
      className={`rounded-lg border px-3 py-2 text-sm ${colors}`}
    >
      {children}
    </p>
  );
}
