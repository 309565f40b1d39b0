"use client";

import type { GridKind } from "../../../lib/contracts/training";
import type { LiveRun } from "../../client/sessionState";
import { buttonSecondary, panel, sectionTitle } from "../ui";
import { EpochFetchStatus } from "./EpochFetchStatus";
import { EpochSlider } from "./EpochSlider";
import { GridList } from "./GridList";
import { RunSwatch } from "./RunSwatch";
import { presetLabel } from "./runText";
import { useGridReplay } from "./useGridReplay";

const KIND_ORDER: GridKind[] = ["label-rows", "prior", "reconstruction", "inpaint-test", "inpaint-train"];

/** A run's sample grids with an epoch slider that replays how the digits formed. */
export function SampleGrids({ sessionId, run }: { sessionId: string; run: LiveRun }) {
  const { picked, replaying, toggleReplay, pick, grids, epoch, loading, error } = useGridReplay(sessionId, run);
  const epochs = run.gridEpochs;
  const label = presetLabel(run.view.preset);
  const sorted = [...grids].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));

  return (
    <section className={panel} aria-label={`Samples: ${label}`}>
      <div className="flex flex-wrap items-center gap-2">
        <RunSwatch index={run.view.index} />
        <h2 className={sectionTitle}>Samples · {label}</h2>
        {epochs.length > 1 && (
          <button
            type="button"
            className={`${buttonSecondary} ml-auto`}
            aria-pressed={replaying}
            onClick={toggleReplay}
          >
            {replaying ? "Stop replay" : "Replay epochs"}
          </button>
        )}
      </div>
      <EpochSlider epochs={epochs} picked={picked} onPick={pick} />
      <EpochFetchStatus picked={picked} loading={loading} error={error} />
      {sorted.length === 0 ? (
        <p className="mt-3 text-sm text-slate-400">
          {run.view.status === "queued"
            ? "Samples appear once training starts."
            : "The first samples appear at the end of epoch 1."}
        </p>
      ) : (
        <GridList sessionId={sessionId} run={run} grids={sorted} epoch={epoch} label={label} />
      )}
    </section>
  );
}
