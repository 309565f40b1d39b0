"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import uPlot from "uplot";
import { sameData, type ChartLine, type ChartModel } from "./chartModel";
import { restoreCursor } from "./chartCursor";
import { dataBounds, isZoomedIn } from "./chartNavigation";
import { chartOptions } from "./uplotOptions";

export interface UPlotConfig {
  model: ChartModel;
  hiddenRunIds: ReadonlySet<string>;
  xLabel: string;
  yLabel: string;
  log: boolean;
  height: number;
  integerX?: boolean;
  /** Called after every cursor move, data change and series toggle (writes the readout, outside React). */
  onView?: (u: uPlot) => void;
}

export interface UPlotHandle {
  /** The element uPlot draws into: the chart takes its width. */
  plotRef: RefObject<HTMLDivElement | null>;
  uplotRef: RefObject<uPlot | null>;
  zoomed: boolean;
  resetZoom: () => void;
  /**
   * Keeps a keyboard-placed cursor on the point at x while new points rescale the view (null: let it go). Moving
   * the mouse over the plot lets it go too.
   */
  pinCursor: (x: number | null) => void;
}

type Range = [number, number];

function applyVisibility(u: uPlot, lines: readonly ChartLine[], hidden: ReadonlySet<string>) {
  lines.forEach((line, i) => {
    const show = !hidden.has(line.runId);
    if (u.series[i + 1] && u.series[i + 1]!.show !== show) u.setSeries(i + 1, { show });
  });
}

/**
 * One uPlot instance inside a React component. Live data goes in with setData from an effect — React
 * renders one empty div, never the points — and the instance is rebuilt only when the set of lines, the
 * axis kind or the size class changes. A viewer's zoom holds while new points arrive, and across rebuilds.
 */
export function useUPlot(config: UPlotConfig): UPlotHandle {
  const { model, hiddenRunIds, xLabel, yLabel, log, height, integerX = false } = config;
  const plotRef = useRef<HTMLDivElement | null>(null);
  const uplotRef = useRef<uPlot | null>(null);
  const latest = useRef(config);
  const shownData = useRef<uPlot.AlignedData | null>(null);
  const zoomedRef = useRef(false);
  const shownLength = useRef(0);
  const viewRef = useRef<Range | null>(null);
  const pinnedX = useRef<number | null>(null);
  const [zoomed, setZoomed] = useState(false);
  const hasData = model.data[0].length > 0;
  const layoutKey = model.lines.map((l) => l.key).join("|");

  useEffect(() => {
    latest.current = config;
  });

  useEffect(() => {
    const el = plotRef.current;
    if (!el || !hasData) return;
    const { model: first, hiddenRunIds: hidden } = latest.current;
    const kept = zoomedRef.current ? viewRef.current : null;
    // The new instance fits its data first; a kept zoom is applied on top.
    zoomedRef.current = false;
    shownLength.current = first.data[0].length;
    const notify = (u: uPlot) => latest.current.onView?.(u);
    const trackZoom = (u: uPlot, key: string) => {
      const bounds = dataBounds(u.data[0], shownLength.current);
      if (key !== "x" || !bounds) return;
      viewRef.current = [u.scales.x!.min!, u.scales.x!.max!];
      const now = isZoomedIn(viewRef.current, bounds);
      if (now !== zoomedRef.current) setZoomed((zoomedRef.current = now));
    };
    const u = new uPlot(
      chartOptions({
        lines: first.lines,
        width: Math.max(Math.round(el.clientWidth), 1),
        height,
        xLabel,
        yLabel,
        log,
        integerX,
        followData: () => !zoomedRef.current,
        hooks: { setScale: [trackZoom], setCursor: [notify], setData: [notify], setSeries: [notify] },
      }),
      first.data,
      el,
    );
    uplotRef.current = u;
    shownData.current = first.data;
    const unpin = () => (pinnedX.current = null);
    u.over.addEventListener("mousemove", unpin);
    u.over.addEventListener("mouseleave", unpin);
    applyVisibility(u, first.lines, hidden);
    u.batch(() => {
      if (kept) u.setScale("x", { min: kept[0], max: kept[1] });
    });
    // A keyboard cursor outlives a rebuild (a run's first points add its lines).
    restoreCursor(u, pinnedX.current);
    return () => {
      uplotRef.current = null;
      shownData.current = null;
      u.destroy();
    };
  }, [layoutKey, hasData, log, height, xLabel, yLabel, integerX]);

  useEffect(() => {
    const u = uplotRef.current;
    const shown = shownData.current;
    if (!u || shown === model.data) return;
    // New columns with equal numbers (the epoch chart, rebuilt when a run's status changes) would only redraw for
    // nothing. The step chart grows its columns in place: the same x column with a new outer array is new data.
    if (shown && shown[0] !== model.data[0] && sameData(shown, model.data)) return;
    shownData.current = model.data;
    shownLength.current = model.data[0].length;
    // In a batch the new scale applies at once. uPlot keeps the cursor's pixel, and a view that follows the data has
    // just rescaled under it: a keyboard cursor goes back on its point, or the user's next ← would start from
    // wherever the pixel now lands.
    u.batch(() => u.setData(model.data));
    restoreCursor(u, pinnedX.current);
  }, [model.data]);

  useEffect(() => {
    if (uplotRef.current) applyVisibility(uplotRef.current, model.lines, hiddenRunIds);
  }, [model.lines, hiddenRunIds]);

  useEffect(() => {
    const el = plotRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      const u = uplotRef.current;
      const width = Math.round(el.clientWidth);
      if (u && width > 0 && width !== u.width) u.setSize({ width, height: u.height });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const resetZoom = useCallback(() => {
    const u = uplotRef.current;
    const bounds = u && dataBounds(u.data[0], shownLength.current);
    if (u && bounds) u.setScale("x", { min: bounds[0], max: bounds[1] });
  }, []);

  const pinCursor = useCallback((x: number | null) => {
    pinnedX.current = x;
  }, []);

  return { plotRef, uplotRef, zoomed, resetZoom, pinCursor };
}
