"use client";

import { useRef } from "react";
import type { PlayGrid } from "../../../lib/play/grid";
import { DigitGrid } from "../DigitGrid";

/**
 * A latent plane grid that is also a 2-D control: click or drag (mouse, pen or touch) to move the
 * point (x, y) in [-range, range]^2; arrow keys nudge it. The marker shows the current point.
 */
export function LatentMap({
  grid,
  range,
  point,
  onPoint,
  dimLabels,
}: {
  grid: PlayGrid;
  range: number;
  point: [number, number];
  onPoint: (p: [number, number]) => void;
  dimLabels: [string, string];
}) {
  const box = useRef<HTMLDivElement | null>(null);
  const dragging = useRef(false);

  function fromEvent(e: React.PointerEvent) {
    const canvas = box.current?.querySelector("canvas");
    if (!canvas) return;
    const r = canvas.getBoundingClientRect();
    const fx = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    const fy = Math.min(1, Math.max(0, (e.clientY - r.top) / r.height));
    onPoint([-range + 2 * range * fx, range - 2 * range * fy]);
  }

  function onKey(e: React.KeyboardEvent) {
    const step = range / 20;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    const clamp = (v: number) => Math.min(range, Math.max(-range, v));
    onPoint([clamp(point[0] + m[0]), clamp(point[1] + m[1])]);
  }

  const left = ((point[0] + range) / (2 * range)) * 100;
  const top = ((range - point[1]) / (2 * range)) * 100;
  return (
    <div
      ref={box}
      role="slider"
      tabIndex={0}
      aria-label={`Latent map: ${dimLabels[0]} left to right, ${dimLabels[1]} bottom to top. Arrow keys move the point.`}
      aria-valuetext={`${dimLabels[0]} ${point[0].toFixed(2)}, ${dimLabels[1]} ${point[1].toFixed(2)}`}
      data-testid="latent-map"
      className="relative inline-block cursor-crosshair touch-none select-none"
      onKeyDown={onKey}
      onPointerDown={(e) => {
        dragging.current = true;
        (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
        fromEvent(e);
      }}
      onPointerMove={(e) => dragging.current && fromEvent(e)}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
    >
      <DigitGrid pixels={grid.pixels} rows={grid.rows} cols={grid.cols} tileSize={24} gap={0} label="Latent map" />
      <span
        aria-hidden="true"
        className="pointer-events-none absolute h-3 w-3 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-amber-400 bg-amber-400/30"
        style={{ left: `${left}%`, top: `${top}%` }}
      />
    </div>
  );
}
