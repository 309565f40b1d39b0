"use client";

import { useEffect, useRef } from "react";
import { drawPadRgba, paintDab, type Drawing, type DrawTool } from "./drawPadPaint";

/**
 * A 28x28 drawing surface (mouse, pen and touch through pointer events), shown large and pixelated.
 * `image` holds ink 0..255; `mask` 1 = observed, 0 = missing (drawn as a translucent red hole).
 */
export function DrawPad({
  image,
  mask,
  tool,
  onChange,
  size = 224,
}: {
  image: Uint8Array;
  mask: Float32Array;
  tool: DrawTool;
  onChange: (next: Drawing) => void;
  size?: number;
}) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  // The picture strokes add to: the props once committed, and each stroke's own result at once (pointer
  // events can arrive faster than the parent re-renders).
  const last = useRef<Drawing>({ image, mask });

  useEffect(() => {
    last.current = { image, mask };
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    ctx.putImageData(new ImageData(drawPadRgba({ image, mask }), 28, 28), 0, 0);
  }, [image, mask]);

  function paint(e: React.PointerEvent) {
    const el = canvas.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const next = paintDab(
      last.current,
      ((e.clientX - r.left) / r.width) * 28,
      ((e.clientY - r.top) / r.height) * 28,
      tool,
    );
    last.current = next;
    onChange(next);
  }

  return (
    <canvas
      ref={canvas}
      width={28}
      height={28}
      role="img"
      aria-label={`Drawing pad, tool: ${tool}. Draw with the mouse, a pen or a finger.`}
      data-testid="draw-pad"
      className="touch-none rounded-md border border-slate-700 bg-black"
      style={{ width: size, height: size, imageRendering: "pixelated", cursor: "crosshair" }}
      onPointerDown={(e) => {
        drawing.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        paint(e);
      }}
      onPointerMove={(e) => drawing.current && paint(e)}
      onPointerUp={() => (drawing.current = false)}
      onPointerCancel={() => (drawing.current = false)}
    />
  );
}
