"use client";

import { useState } from "react";
import type { GalleryKind, GalleryMeta } from "../../../lib/contracts/gallery";
import { errorMessage } from "../../../lib/errors";
import type { PlayGrid } from "../../../lib/play/grid";
import { saveToGallery } from "../gallery/galleryClient";
import { gridToPngDataUrl } from "../gallery/gridPng";
import { savedMeta, type SaveContext } from "./saveContext";

export interface SaveState {
  saving: boolean;
  /** What the last save came to ("Saved as …" or the error), shown under the picture. */
  message: string | null;
  error: boolean;
}

/** A result card's Save to gallery: the PNG and its meta go to the gallery; the state says how it went. */
export function useSaveResult(
  result: { kind: GalleryKind; title: string; grid: PlayGrid; meta: GalleryMeta },
  context: SaveContext,
) {
  const [state, setState] = useState<SaveState>({ saving: false, message: null, error: false });

  async function save() {
    const { kind, title, grid, meta } = result;
    setState({ saving: true, message: null, error: false });
    try {
      const { item } = await saveToGallery({
        sessionId: context.sessionId,
        checkpointId: context.checkpointId,
        kind,
        title,
        png: gridToPngDataUrl(grid.pixels, grid.rows, grid.cols),
        meta: savedMeta(meta, grid, context),
      });
      setState({ saving: false, message: `Saved as ${item.id}`, error: false });
    } catch (e) {
      setState({ saving: false, message: errorMessage(e), error: true });
    }
  }

  return { state, save };
}
