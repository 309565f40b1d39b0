"use client";

import { useId, useMemo, useState, type PointerEvent } from "react";
import { useElementWidth } from "../../hooks/useElementWidth";
import { formatTick } from "../format";
import {
  downsampleLttb,
  linearScale,
  linePath,
  logScale,
  logTicks,
  niceTicks,
  paddedExtent,
  type Point,
} from "./chartMath";

export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  points: readonly Point[];
  /** Dashed / dotted secondary series (e.g. recon and KL beside the total). */
  dash?: "dashed" | "dotted";
  /** Draw a dot on every point (few points, e.g. one per epoch). */
  markers?: boolean;
  /** Faint raw line drawn under a smoothed one. */
  faint?: boolean;
}

export interface LineChartProps {
  series: readonly ChartSeries[];
  /** Accessible title, e.g. "Train loss per step". */
  title: string;
  xLabel: string;
  yLabel: string;
  log?: boolean;
  /** Integer x ticks only (epochs). */
  integerX?: boolean;
  /** Max points drawn per series; more are downsampled with LTTB. */
  maxPoints?: number;
  height?: number;
  formatY?: (v: number) => string;
  /** Shown in the frame when there is nothing to draw yet. */
  emptyText?: string;
}

const M = { top: 12, right: 14, bottom: 34, left: 52 };

/**
 * A small responsive SVG line chart. Its coordinate system is its measured width in CSS pixels, so
 * labels stay readable on a phone instead of shrinking with the drawing. Several series share the
 * axes; hovering shows the nearest x with each series' value.
 */
export function LineChart(props: LineChartProps) {
  // One wrapper for both the empty and the drawn state, so the size observer keeps watching the same element.
  const [boxRef, measured] = useElementWidth<HTMLDivElement>(640);
  return (
    <div ref={boxRef}>
      <ChartSvg {...props} width={Math.max(measured, 260)} />
    </div>
  );
}

function ChartSvg({
  series,
  title,
  xLabel,
  yLabel,
  log = false,
  integerX = false,
  maxPoints = 600,
  height = 240,
  formatY = formatTick,
  emptyText = "Waiting for the first points…",
  width: W,
}: LineChartProps & { width: number }) {
  const clipId = useId();
  const [hoverX, setHoverX] = useState<number | null>(null);
  const H = height;
  const drawn = useMemo(
    () => series.map((s) => ({ ...s, points: downsampleLttb(s.points, maxPoints) })),
    [series, maxPoints],
  );
  const xs = drawn.flatMap((s) => s.points.map((p) => p.x));
  const ys = drawn.flatMap((s) => s.points.map((p) => p.y));
  const xExtent = xs.length ? ([Math.min(...xs), Math.max(...xs)] as [number, number]) : null;
  const yExtent = paddedExtent(ys, log);

  const frame = (
    <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} fill="none" stroke="#1e293b" />
  );

  if (!xExtent || !yExtent) {
    // The message is HTML over the empty frame, not SVG text: it has to wrap on a phone instead of being cut off.
    return (
      <div className="relative">
        <svg viewBox={`0 0 ${W} ${H}`} className="w-full" aria-hidden="true">
          {frame}
        </svg>
        <p className="absolute inset-0 flex items-center justify-center text-center text-[13px] text-slate-500" style={{ paddingLeft: M.left + 8, paddingRight: M.right + 8 }}>
          {emptyText}
        </p>
      </div>
    );
  }

  const xDomain: [number, number] = xExtent[0] === xExtent[1] ? [xExtent[0] - 1, xExtent[1] + 1] : xExtent;
  const x = linearScale(xDomain, [M.left, W - M.right]);
  const y = (log ? logScale : linearScale)(yExtent, [H - M.bottom, M.top]);
  const xTicks = niceTicks(xDomain[0], xDomain[1], W < 420 ? 4 : 6).filter((t) => !integerX || Number.isInteger(t));
  const yTicks = log ? logTicks(yExtent[0], yExtent[1]) : niceTicks(yExtent[0], yExtent[1], 5);

  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * W;
    const invX = xDomain[0] + ((px - M.left) / (W - M.left - M.right)) * (xDomain[1] - xDomain[0]);
    setHoverX(Math.min(Math.max(invX, xDomain[0]), xDomain[1]));
  };
  const hover =
    hoverX === null
      ? null
      : drawn
          .filter((s) => !s.faint && s.points.length > 0)
          .map((s) => ({ s, p: nearest(s.points, hoverX) }))
          .filter((h): h is { s: (typeof drawn)[number]; p: Point } => h.p !== null);
  const hoverPx = hover && hover[0] ? x(hover[0].p.x) : null;
  // Tooltip width from its longest line (11 px text is about 6.3 px per character).
  const tipWidth = hover
    ? 16 + 6.3 * Math.max(xLabel.length + 8, ...hover.map((h) => h.s.label.length + 2 + formatY(h.p.y).length))
    : 0;

  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="w-full touch-pan-y select-none"
      role="img"
      aria-label={title}
      onPointerMove={onMove}
      onPointerLeave={() => setHoverX(null)}
    >
      <defs>
        <clipPath id={clipId}>
          <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
        </clipPath>
      </defs>
      {frame}
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#1e293b" />
          <text x={M.left - 6} y={y(t) + 4} textAnchor="end" className="fill-slate-400 text-[11px] tabular">
            {formatY(t)}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`x${t}`} x={x(t)} y={H - M.bottom + 16} textAnchor="middle" className="fill-slate-400 text-[11px] tabular">
          {formatTick(t)}
        </text>
      ))}
      <text x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle" className="fill-slate-500 text-[11px]">
        {xLabel}
      </text>
      <text
        x={12}
        y={(M.top + H - M.bottom) / 2}
        textAnchor="middle"
        transform={`rotate(-90 12 ${(M.top + H - M.bottom) / 2})`}
        className="fill-slate-500 text-[11px]"
      >
        {yLabel}
      </text>
      <g clipPath={`url(#${clipId})`}>
        {drawn.map((s) => (
          <g key={s.id}>
            <path
              d={linePath(s.points, x, y)}
              fill="none"
              stroke={s.color}
              strokeOpacity={s.faint ? 0.25 : 1}
              strokeWidth={s.faint ? 1 : 1.75}
              strokeDasharray={s.dash === "dashed" ? "6 4" : s.dash === "dotted" ? "2 3" : undefined}
              strokeLinejoin="round"
            />
            {s.markers &&
              s.points.map((p) => <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={3} fill={s.color} />)}
          </g>
        ))}
      </g>
      {hover && hoverPx !== null && (
        <g pointerEvents="none">
          <line x1={hoverPx} x2={hoverPx} y1={M.top} y2={H - M.bottom} stroke="#475569" strokeDasharray="3 3" />
          <g transform={`translate(${hoverPx > W / 2 ? hoverPx - tipWidth - 8 : hoverPx + 8} ${M.top + 4})`}>
            <rect width={tipWidth} height={18 + hover.length * 15} rx={4} fill="#0f172a" stroke="#334155" />
            <text x={8} y={13} className="fill-slate-400 text-[11px] tabular">
              {xLabel} {formatTick(hover[0]!.p.x)}
            </text>
            {hover.map((h, i) => (
              <text key={h.s.id} x={8} y={28 + i * 15} className="text-[11px] tabular" fill={h.s.color}>
                {h.s.label}: {formatY(h.p.y)}
              </text>
            ))}
          </g>
        </g>
      )}
    </svg>
  );
}

/** Point with the closest x (points sorted by x). */
function nearest(points: readonly Point[], x: number): Point | null {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0) return null;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.x < x) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  return Math.abs(a.x - x) <= Math.abs(b.x - x) ? a : b;
}
