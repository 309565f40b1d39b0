import Link from "next/link";
import type { ConnectionStatus } from "../../client/sessionState";

/** Tells the viewer when the page is not live, and what to do about it. */
export function ConnectionBanner({ connection, error }: { connection: ConnectionStatus; error: string | null }) {
  if (connection === "live") return null;
  const base = "rounded-lg border px-3 py-2 text-sm";
  if (connection === "reconnecting") {
    return (
      <p
        role="status"
        data-testid="connection"
        data-state="reconnecting"
        className={`${base} border-amber-800 bg-amber-950/40 text-amber-200`}
      >
        Connection lost: reconnecting… What you see stays on screen and catches up when the server is back.
      </p>
    );
  }
  if (connection === "error") {
    return (
      <p
        role="alert"
        data-testid="connection"
        data-state="error"
        className={`${base} border-rose-900 bg-rose-950/50 text-rose-200`}
      >
        {error ?? "Something went wrong."}{" "}
        <Link href="/" className="text-sky-300 underline">
          Home page
        </Link>
      </p>
    );
  }
  if (connection === "deleted") {
    return (
      <p
        role="alert"
        data-testid="connection"
        data-state="deleted"
        className={`${base} border-slate-700 bg-slate-900 text-slate-200`}
      >
        This session was deleted by its owner.{" "}
        <Link href="/" className="text-sky-300 underline">
          Start a new one
        </Link>
        .
      </p>
    );
  }
  return (
    <p
      role="status"
      data-testid="connection"
      data-state={connection}
      className={`${base} border-slate-800 bg-slate-900 text-slate-400`}
    >
      Connecting to the session…
    </p>
  );
}
