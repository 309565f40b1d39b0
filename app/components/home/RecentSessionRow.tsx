import Link from "next/link";
import { RUN_STATUSES, type RunStatus } from "../../../lib/contracts/training";
import { type PresetId } from "../../../lib/model/config";
import { PRESETS } from "../../../lib/model/presets";
import type { SessionSummary } from "../../client/api";
import { formatCreated } from "../format";
import { RunStatusBadge } from "../session/RunStatusBadge";

/** One recent session: its title (a link), its runs' models and statuses, when it was created. */
export function RecentSessionRow({ session: s }: { session: SessionSummary }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
      <Link
        href={`/s/${s.id}`}
        className="min-w-0 basis-full font-medium text-sky-300 [overflow-wrap:anywhere] hover:underline sm:basis-0 sm:flex-1"
      >
        {s.title}
      </Link>
      <span className="text-xs text-slate-400">{runModels(s.runs)}</span>
      <span className="flex gap-1">
        {s.runs.map((r, i) => (isStatus(r.status) ? <RunStatusBadge key={i} run={{ status: r.status }} /> : null))}
      </span>
      <time dateTime={s.createdAt} className="w-24 text-right text-xs text-slate-500 tabular">
        {formatCreated(s.createdAt)}
      </time>
    </li>
  );
}

function isStatus(s: string): s is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(s);
}

/** The runs' models by their labels ("VAE + β-VAE"); a preset this page does not know by its id. */
export function runModels(runs: readonly { preset: string }[]): string {
  return runs.map((r) => (r.preset in PRESETS ? PRESETS[r.preset as PresetId].label : r.preset)).join(" + ");
}
