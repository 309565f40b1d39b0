"use client";

import type { Ref } from "react";
import { DigitGridLabels } from "./DigitGridLabels";
import { DEFAULT_GRID_COLORS, gridLayout, type GridColors } from "./digitGridPixels";
import { useGridCanvas } from "./useGridCanvas";

export interface DigitGridProps {
  /** rows*cols*784 bytes; tile (r, c) starts at ((r * cols) + c) * 784; 0 = black, 255 = white. */
  pixels: Uint8Array;
  rows: number;
  cols: number;
  /** One label per row, drawn to the left (e.g. "0".."9", or "flawed" / "filled" / "original"). */
  rowLabels?: readonly string[];
  /** One label per column, drawn above. */
  colLabels?: readonly string[];
  /** CSS pixels per 28x28 tile at full size (default 48). The grid shrinks to fit narrow screens. */
  tileSize?: number;
  /** Gutter between tiles in image pixels (even; default 2). */
  gap?: number;
  /** Accessible description of the picture, e.g. "Samples from the prior, epoch 3". */
  label?: string;
  colors?: GridColors;
  className?: string;
  /** The underlying canvas, e.g. to save the picture with canvas.toBlob(). */
  canvasRef?: Ref<HTMLCanvasElement>;
}

/**
 * A grid of 28x28 digits drawn on one canvas at native resolution and scaled up by CSS with
 * `image-rendering: pixelated`, so digits stay crisp at any size. Labels are HTML (selectable,
 * readable by screen readers), laid out so every label spans exactly one tile pitch.
 */
export function DigitGrid({
  pixels,
  rows,
  cols,
  rowLabels,
  colLabels,
  tileSize = 48,
  gap = 2,
  label,
  colors = DEFAULT_GRID_COLORS,
  className,
  canvasRef,
}: DigitGridProps) {
  const ownRef = useGridCanvas({ pixels, rows, cols, gap, colors }, canvasRef);
  const layout = gridLayout(rows, cols, gap);
  const scale = tileSize / 28;

  const hasRowLabels = rowLabels !== undefined && rowLabels.length > 0;
  const hasColLabels = colLabels !== undefined && colLabels.length > 0;

  return (
    <figure
      className={`inline-grid max-w-full gap-1 ${className ?? ""}`}
      style={{ gridTemplateColumns: hasRowLabels ? "auto minmax(0, 1fr)" : "minmax(0, 1fr)" }}
      aria-label={label}
    >
      {hasColLabels && (
        <>
          {hasRowLabels && <span aria-hidden="true" />}
          <DigitGridLabels labels={colLabels} count={cols} axis="col" />
        </>
      )}
      {hasRowLabels && <DigitGridLabels labels={rowLabels} count={rows} axis="row" />}
      <canvas
        ref={ownRef}
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={label ?? `${rows} by ${cols} grid of digits`}
        className="block h-auto max-w-full rounded-md bg-slate-900"
        style={{ width: layout.width * scale, imageRendering: "pixelated" }}
      />
    </figure>
  );
}

export default DigitGrid;
