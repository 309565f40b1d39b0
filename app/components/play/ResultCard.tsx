"use client";

import { useId, useState } from "react";
import type { GalleryKind, GalleryMeta } from "../../../lib/contracts/gallery";
import type { PlayGrid } from "../../../lib/play/grid";
import { DigitGrid } from "../DigitGrid";
import { saveToGallery } from "../gallery/galleryClient";
import { downloadPng, gridToPngDataUrl } from "../gallery/gridPng";
import { errorMessage } from "../../../lib/errors";
import { downloadName } from "../../../lib/images/downloadName";
import { buttonSmall, buttonSmallPrimary } from "../ui";

/** Where a result came from: attached to every gallery save. */
export interface SaveContext {
  sessionId: string;
  /** For download file names. */
  sessionTitle?: string;
  checkpointId: string | null;
  runId?: string;
  preset?: string;
  epoch?: number;
  backend?: string;
}

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
export function ResultCard({
  title,
  kind,
  grid,
  meta,
  context,
  tileSize = 40,
  testId,
  children,
  picture,
}: ResultCardProps) {
  const [state, setState] = useState<{ saving: boolean; message: string | null; error: boolean }>({
    saving: false,
    message: null,
    error: false,
  });
  const titleId = useId();
  const fileName = downloadName({
    sessionId: context.sessionId,
    sessionTitle: context.sessionTitle,
    kind,
    title,
    epoch: context.epoch,
    seed: meta.seed,
    extension: "png",
  });

  async function save() {
    setState({ saving: true, message: null, error: false });
    try {
      const png = gridToPngDataUrl(grid.pixels, grid.rows, grid.cols);
      const { item } = await saveToGallery({
        sessionId: context.sessionId,
        checkpointId: context.checkpointId,
        kind,
        title,
        png,
        meta: {
          ...meta,
          rows: grid.rows,
          cols: grid.cols,
          ...(context.runId ? { runId: context.runId } : {}),
          ...(context.preset ? { preset: context.preset } : {}),
          ...(context.epoch !== undefined ? { epoch: context.epoch } : {}),
          ...(context.backend ? { backend: context.backend } : {}),
        },
      });
      setState({ saving: false, message: `Saved as ${item.id}`, error: false });
    } catch (e) {
      setState({ saving: false, message: errorMessage(e), error: true });
    }
  }

  const saveText = state.saving ? "Saving…" : "Save to gallery";
  // Accessible names start with the visible words (WCAG 2.5.3, for voice control) and then say which picture.
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
        <div className="ml-auto flex gap-2">
          <button
            type="button"
            onClick={() => downloadPng(gridToPngDataUrl(grid.pixels, grid.rows, grid.cols), fileName)}
            className={buttonSmall}
            aria-label={`Download PNG: ${title}`}
          >
            Download PNG
          </button>
          <button
            type="button"
            onClick={() => void save()}
            disabled={state.saving}
            className={buttonSmallPrimary}
            aria-label={`${saveText}: ${title}`}
          >
            {saveText}
          </button>
        </div>
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
