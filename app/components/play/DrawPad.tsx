"use client";

import { useEffect, useRef } from "react";

export type DrawTool = "pen" | "eraser" | "hole";

/**
 * A 28x28 drawing surface (mouse, pen and touch through pointer events), shown large and pixelated.
 * `image` holds ink 0..255; `mask` 1 = observed, 0 = missing (drawn as a translucent red hole).
 * The pen paints a soft round brush like MNIST strokes; "hole" paints missing pixels.
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
  onChange: (next: { image: Uint8Array; mask: Float32Array }) => void;
  size?: number;
}) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  // The picture strokes add to: the props once committed, and each stroke's own result at once (pointer
  // events can arrive faster than the parent re-renders).
  const last = useRef<{ image: Uint8Array; mask: Float32Array }>({ image, mask });

  useEffect(() => {
    last.current = { image, mask };
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    const data = new ImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = image[i] ?? 0;
      const hole = (mask[i] ?? 1) < 0.5;
      data.data[i * 4] = hole ? Math.round(120 + v * 0.5) : v;
      data.data[i * 4 + 1] = hole ? Math.round(20 + v * 0.3) : v;
      data.data[i * 4 + 2] = hole ? Math.round(40 + v * 0.3) : v;
      data.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(data, 0, 0);
  }, [image, mask]);

  function paint(e: React.PointerEvent) {
    const el = canvas.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const cx = ((e.clientX - r.left) / r.width) * 28;
    const cy = ((e.clientY - r.top) / r.height) * 28;
    const img = last.current.image.slice();
    const msk = last.current.mask.slice();
    const radius = tool === "hole" ? 2 : 1.6;
    for (let y = Math.floor(cy - radius - 1); y <= Math.ceil(cy + radius + 1); y++) {
      for (let x = Math.floor(cx - radius - 1); x <= Math.ceil(cx + radius + 1); x++) {
        if (x < 0 || y < 0 || x > 27 || y > 27) continue;
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const i = y * 28 + x;
        if (tool === "hole") {
          if (d <= radius) msk[i] = 0;
        } else {
          const strength = Math.max(0, Math.min(1, radius + 0.5 - d));
          if (strength <= 0) continue;
          img[i] =
            tool === "pen"
              ? Math.max(img[i] ?? 0, Math.round(255 * strength))
              : Math.round((img[i] ?? 0) * (1 - strength));
        }
      }
    }
    last.current = { image: img, mask: msk };
    onChange({ image: img, mask: msk });
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
