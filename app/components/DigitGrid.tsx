"use client";

import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import { DEFAULT_GRID_COLORS, gridToRgba, gridLayout, type GridColors } from "./digitGridPixels";

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
  const ownRef = useRef<HTMLCanvasElement | null>(null);
  const layout = gridLayout(rows, cols, gap);
  const scale = tileSize / 28;

  useEffect(() => {
    const canvas = ownRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    try {
      const { data, layout: l } = gridToRgba(pixels, rows, cols, gap, colors);
      canvas.width = l.width;
      canvas.height = l.height;
      ctx.putImageData(new ImageData(data, l.width, l.height), 0, 0);
    } catch (err) {
      // A malformed grid should not take the page down; leave the canvas empty and say why in the console.
      console.error("DigitGrid: cannot draw grid", err);
    }
  }, [pixels, rows, cols, gap, colors]);

  // The caller's ref sees the same canvas (set after mount, cleared on unmount).
  useImperativeHandle(canvasRef, () => ownRef.current!, []);

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
          <div className="flex text-center font-mono text-[10px] text-slate-400 sm:text-xs" aria-hidden="true">
            {Array.from({ length: cols }, (_, c) => (
              <span key={c} className="min-w-0 flex-1 truncate">
                {colLabels[c] ?? ""}
              </span>
            ))}
          </div>
        </>
      )}
      {hasRowLabels && (
        <div className="flex flex-col pr-1 text-right font-mono text-xs text-slate-400" aria-hidden="true">
          {Array.from({ length: rows }, (_, r) => (
            <span key={r} className="flex flex-1 items-center justify-end whitespace-nowrap">
              {rowLabels[r] ?? ""}
            </span>
          ))}
        </div>
      )}
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
