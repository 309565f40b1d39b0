"use client";

import { useEffect, useRef, type PointerEvent } from "react";
import { useElementWidth } from "../../hooks/useElementWidth";
import type { Bounds } from "../../../lib/latent/scatterGeometry";
import { drawScatter, SCATTER_BACKGROUND, type ScatterMarks } from "./scatterDraw";

export interface ScatterCanvasProps {
  /** x, y interleaved. */
  points: Float32Array;
  labels: Uint8Array;
  bounds: Bounds;
  /** Draw this label on top and dim the others (null: all alike). */
  highlight: number | null;
  marks: ScatterMarks;
  /** A cross-hair at this plane position (the play view's map). */
  cursor?: [number, number] | null;
  /** Picture description for screen readers (the canvas is role="img"). */
  label: string;
  /** Pointer presses on the drawing, as fractions (fx from the left, fy from the top). */
  onPick?: (fx: number, fy: number) => void;
  className?: string;
}

/**
 * A latent scatter on one canvas: thousands of points drawn in a few milliseconds (grouped by colour, so the fill
 * changes ten times), sized to its box at the screen's pixel density. Square: both axes share one scale.
 */
export function ScatterCanvas({
  points,
  labels,
  bounds,
  highlight,
  marks,
  cursor = null,
  label,
  onPick,
  className = "",
}: ScatterCanvasProps) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const width = useElementWidth(canvas);

  useEffect(() => {
    const el = canvas.current;
    if (!el || width === 0) return;
    const dpr = Math.min(3, window.devicePixelRatio || 1);
    const px = Math.round(width * dpr);
    if (el.width !== px || el.height !== px) {
      el.width = px;
      el.height = px;
    }
    const ctx = el.getContext("2d");
    if (!ctx) return;
    drawScatter(ctx, px, { points, labels, bounds, highlight, marks, cursor, dpr });
  }, [width, points, labels, bounds, highlight, marks, cursor]);

  const pick = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!onPick) return;
    const r = e.currentTarget.getBoundingClientRect();
    onPick(clamp01((e.clientX - r.left) / r.width), clamp01((e.clientY - r.top) / r.height));
  };

  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={label}
      className={`block aspect-square w-full touch-none rounded-lg ${onPick ? "cursor-crosshair" : ""} ${className}`}
      style={{ background: SCATTER_BACKGROUND }}
      onPointerDown={onPick ? pick : undefined}
    />
  );
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
