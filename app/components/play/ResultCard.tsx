"use client";

import { useId } from "react";
import type { GalleryKind, GalleryMeta } from "../../../lib/contracts/gallery";
import type { PlayGrid } from "../../../lib/play/grid";
import { DigitGrid } from "../DigitGrid";
import { downloadPng, gridToPngDataUrl } from "../gallery/gridPng";
import { ResultActions } from "./ResultActions";
import { resultFileName, type SaveContext } from "./saveContext";
import { useSaveResult } from "./useSaveResult";

export interface ResultCardProps {
  title: string;
  kind: GalleryKind;
  grid: PlayGrid;
  meta: GalleryMeta;
  context: SaveContext;
  tileSize?: number;
  /** data-testid of the card (e2e). */
  testId?: string;
  children?: React.ReactNode;
  /** Drawn instead of the plain DigitGrid (e.g. the interactive latent map); saving still uses `grid`. */
  picture?: React.ReactNode;
}

/** A picture with its Save (to the gallery) and Download PNG buttons. */
export function ResultCard(props: ResultCardProps) {
  const { title, kind, grid, tileSize = 40, testId, children, picture } = props;
  const { state, save } = useSaveResult(props, props.context);
  const titleId = useId();
  return (
    <section
      className="w-fit max-w-full rounded-lg border border-slate-800 bg-slate-900/50 p-3"
      data-testid={testId}
      data-kind={kind}
      aria-labelledby={titleId}
    >
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 id={titleId} className="text-sm font-semibold text-slate-200">
          {title}
        </h3>
        <ResultActions
          title={title}
          saving={state.saving}
          onDownload={() =>
            downloadPng(
              gridToPngDataUrl(grid.pixels, grid.rows, grid.cols),
              resultFileName(props.context, kind, title, props.meta),
            )
          }
          onSave={() => void save()}
        />
      </div>
      {children && <div className="mb-1">{children}</div>}
      {picture ?? (
        <DigitGrid
          pixels={grid.pixels}
          rows={grid.rows}
          cols={grid.cols}
          rowLabels={grid.rowLabels}
          colLabels={grid.colLabels}
          tileSize={tileSize}
          label={title}
        />
      )}
      {state.message && (
        <p role="status" className={`mt-2 text-xs ${state.error ? "text-rose-300" : "text-emerald-300"}`}>
          {state.message}
        </p>
      )}
    </section>
  );
}
