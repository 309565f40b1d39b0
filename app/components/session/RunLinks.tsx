import Link from "next/link";
import { metricsUrl } from "../../client/api";
import type { LiveRun } from "../../client/sessionState";
import { textLink } from "../ui";

/** Where a run leads: the Play view once a decoder is saved, and its metrics as CSV and JSON. */
export function RunLinks({ sessionId, run }: { sessionId: string; run: LiveRun }) {
  const lastCheckpoint = run.checkpoints.reduce<number | null>(
    (m, c) => (m === null || c.epoch > m ? c.epoch : m),
    null,
  );
  return (
    <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-400">
      {lastCheckpoint !== null && (
        <Link className="text-emerald-300 underline-offset-2 hover:underline" href={`/s/${sessionId}/play`}>
          Decoder of epoch {lastCheckpoint} ready to play →
        </Link>
      )}
      <span>Metrics:</span>
      <a className={textLink} href={metricsUrl(sessionId, run.view.id, "epochs.csv")}>
        epochs CSV
      </a>
      <a className={textLink} href={metricsUrl(sessionId, run.view.id, "steps.csv")}>
        steps CSV
      </a>
      <a className={textLink} href={metricsUrl(sessionId, run.view.id, "json")}>
        JSON
      </a>
    </p>
  );
}
