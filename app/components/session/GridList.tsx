"use client";

import type { GridKind } from "../../../lib/contracts/training";
import { gridAnimationUrl } from "../../client/api";
import type { LiveGrid, LiveRun } from "../../client/sessionState";
import { DigitGrid } from "../DigitGrid";
import { textLink } from "../ui";

export const KIND_TITLES: Record<GridKind, string> = {
  reconstruction: "Reconstructions of test images",
  prior: "Samples from the prior",
  "label-rows": "Generated digits, one row per label",
  "inpaint-train": "Inpainting the centre hole, training images",
  "inpaint-test": "Inpainting the centre hole, test images",
};

/** Row labels when the server sends none: digits for label rows, the three inpainting rows. */
export function defaultRowLabels(grid: Pick<LiveGrid, "kind" | "rows">): string[] | undefined {
  if (grid.kind === "label-rows" && grid.rows === 10) return Array.from({ length: 10 }, (_, i) => String(i));
  if ((grid.kind === "inpaint-train" || grid.kind === "inpaint-test") && grid.rows === 3)
    return ["flawed", "filled", "original"];
  if (grid.kind === "reconstruction" && grid.rows === 2) return ["original", "recon"];
  return undefined;
}

/** A run's grids of one epoch, each with its title and a download of its animation over every epoch. */
export function GridList({
  sessionId,
  run,
  grids,
  epoch,
  label,
}: {
  sessionId: string;
  run: LiveRun;
  grids: LiveGrid[];
  epoch: number | null;
  label: string;
}) {
  return (
    <div className="mt-3 flex flex-col gap-5">
      {grids.map((g) => (
        <div key={g.kind} data-testid="sample-grid" data-kind={g.kind} data-epoch={g.epoch} data-run-id={run.view.id}>
          <div className="mb-1.5 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <h3 className="text-xs text-slate-400">
              {KIND_TITLES[g.kind]} <span className="text-slate-500">· epoch {epoch ?? g.epoch}</span>
            </h3>
            {/* A download (Content-Disposition: attachment), made on the server from every epoch's grid. */}
            <a
              href={gridAnimationUrl(sessionId, run.view.id, g.kind)}
              download
              className={`text-xs ${textLink}`}
              aria-label={`Download animation (GIF): ${KIND_TITLES[g.kind]}, ${label}, every epoch`}
            >
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
  );
}
