"use client";

import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import { gridToRgba, type GridColors } from "./digitGridPixels";

/**
 * Draws a digit grid onto the canvas the returned ref is given, at native resolution, whenever the pixels change;
 * the caller's `canvasRef` sees the same canvas (set after mount, cleared on unmount).
 */
export function useGridCanvas(
  grid: { pixels: Uint8Array; rows: number; cols: number; gap: number; colors: GridColors },
  canvasRef?: Ref<HTMLCanvasElement>,
) {
  const ownRef = useRef<HTMLCanvasElement | null>(null);
  const { pixels, rows, cols, gap, colors } = grid;

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

  useImperativeHandle(canvasRef, () => ownRef.current!, []);
  return ownRef;
}
