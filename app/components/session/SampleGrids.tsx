"use client";

import { useEffect, useState } from "react";
import type { GridKind } from "../../../lib/contracts/training";
import { gridAnimationUrl } from "../../client/api";
import type { LiveGrid, LiveRun } from "../../client/sessionState";
import { useEpochGrids } from "../../hooks/useEpochGrids";
import { DigitGrid } from "../DigitGrid";
import { buttonSecondary, panel, runColor, sectionTitle, textLink } from "../ui";
import { EpochSlider } from "./EpochSlider";
import { presetLabel } from "./runText";

const KIND_TITLES: Record<GridKind, string> = {
  reconstruction: "Reconstructions of test images",
  prior: "Samples from the prior",
  "label-rows": "Generated digits, one row per label",
  "inpaint-train": "Inpainting the centre hole, training images",
  "inpaint-test": "Inpainting the centre hole, test images",
};
const KIND_ORDER: GridKind[] = ["label-rows", "prior", "reconstruction", "inpaint-test", "inpaint-train"];

/** Row labels when the server sends none: digits for label rows, the three inpainting rows. */
export function defaultRowLabels(grid: Pick<LiveGrid, "kind" | "rows">): string[] | undefined {
  if (grid.kind === "label-rows" && grid.rows === 10) return Array.from({ length: 10 }, (_, i) => String(i));
  if ((grid.kind === "inpaint-train" || grid.kind === "inpaint-test") && grid.rows === 3) return ["flawed", "filled", "original"];
  if (grid.kind === "reconstruction" && grid.rows === 2) return ["original", "recon"];
  return undefined;
}

/** A run's sample grids with an epoch slider that replays how the digits formed. */
export function SampleGrids({ sessionId, run }: { sessionId: string; run: LiveRun }) {
  // null = follow the newest epoch as it arrives; a number = the user scrubbed to that epoch.
  const [picked, setPicked] = useState<number | null>(null);
  const [replaying, setReplaying] = useState(false);
  const epochs = run.gridEpochs;
  const { grids, epoch, loading, error } = useEpochGrids(sessionId, run, picked);

  // Replay: step through the epochs once (waiting for each epoch's grids), then follow live again.
  useEffect(() => {
    if (!replaying || loading) return;
    const timer = setTimeout(() => {
      const i = picked === null ? -1 : epochs.indexOf(picked);
      const next = epochs[i + 1];
      if (next === undefined || i + 1 >= epochs.length - 1) {
        setPicked(null);
        setReplaying(false);
      } else {
        setPicked(next);
      }
    }, picked === null ? 0 : 700);
    return () => clearTimeout(timer);
  }, [replaying, loading, picked, epochs]);
  const label = presetLabel(run.view.preset);
  const sorted = [...grids].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));

  return (
    <section className={panel} aria-label={`Samples: ${label}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span aria-hidden="true" className="h-3 w-3 rounded-sm" style={{ background: runColor(run.view.index) }} />
        <h2 className={sectionTitle}>Samples · {label}</h2>
        {epochs.length > 1 && (
          <button
            type="button"
            className={`${buttonSecondary} ml-auto`}
            aria-pressed={replaying}
            onClick={() => {
              if (replaying) {
                setReplaying(false);
              } else {
                setPicked(null);
                setReplaying(true);
              }
            }}
          >
            {replaying ? "Stop replay" : "Replay epochs"}
          </button>
        )}
      </div>
      <EpochSlider
        epochs={epochs}
        picked={picked}
        onPick={(e) => {
          setReplaying(false);
          setPicked(e);
        }}
      />
      {loading && <p className="mt-2 text-xs text-slate-400" role="status">Loading epoch {picked}…</p>}
      {error && <p className="mt-2 text-xs text-rose-300" role="alert">{error}</p>}
      {sorted.length === 0 ? (
        <p className="mt-3 text-sm text-slate-400">
          {run.view.status === "queued" ? "Samples appear once training starts." : "The first samples appear at the end of epoch 1."}
        </p>
      ) : (
        <div className="mt-3 flex flex-col gap-5">
          {sorted.map((g) => (
            <div key={g.kind} data-testid="sample-grid" data-kind={g.kind} data-epoch={g.epoch} data-run-id={run.view.id}>
              <div className="mb-1.5 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <h3 className="text-xs text-slate-400">
                  {KIND_TITLES[g.kind]} <span className="text-slate-500">· epoch {epoch ?? g.epoch}</span>
                </h3>
                {/* A download (Content-Disposition: attachment), made on the server from every epoch's grid. */}
                <a href={gridAnimationUrl(sessionId, run.view.id, g.kind)} download className={`text-xs ${textLink}`} aria-label={`Download animation (GIF): ${KIND_TITLES[g.kind]}, ${label}, every epoch`}>
                  Download animation (GIF)
                </a>
              </div>
              <DigitGrid
                pixels={g.pixels}
                rows={g.rows}
                cols={g.cols}
                rowLabels={g.rowLabels ?? defaultRowLabels(g)}
                tileSize={g.cols > 10 ? 28 : 36}
                label={`${KIND_TITLES[g.kind]}, ${label}, epoch ${g.epoch}`}
              />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
