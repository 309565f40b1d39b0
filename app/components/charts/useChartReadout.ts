"use client";

import { useCallback, useEffect, useRef } from "react";
import type uPlot from "uplot";
import type { ChartLine } from "./chartModel";
import { isZoomedIn } from "./chartNavigation";
import { readoutAt, readoutSentence, viewSentence, type Readout } from "./chartReadout";

/**
 * Writes the readout into its element directly: it changes with every point and every mouse move, React
 * need not know. Spans are reused and only changed text is set, so a live update costs the browser little.
 */
function writeReadout(el: HTMLElement, readout: Readout | null) {
  const parts = readout
    ? [
        { text: readout.heading, color: "" },
        ...readout.entries.map((e) => ({ text: `${e.shortLabel} ${e.value}`, color: e.color })),
      ]
    : [];
  while (el.children.length > parts.length) el.lastElementChild!.remove();
  parts.forEach((part, i) => {
    const span = (el.children[i] as HTMLElement | undefined) ?? el.appendChild(document.createElement("span"));
    if (span.textContent !== part.text) span.textContent = part.text;
    // The heading is grey; the values take their line's colour (kept in a data attribute: style.color reads back as rgb()).
    if (span.dataset.color !== part.color) {
      span.dataset.color = part.color;
      span.style.color = part.color;
      span.className = i === 0 ? "text-slate-400" : "";
    }
  });
}

function currentReadout(u: uPlot, lines: readonly ChartLine[], xLabel: string): Readout | null {
  // A cursor off the plot (left < 0) means no hover: show the latest values.
  const hovering = u.cursor.idx != null && (u.cursor.left ?? -1) >= 0;
  return readoutAt({
    data: u.data,
    lines,
    shown: lines.map((_, i) => u.series[i + 1]?.show !== false),
    cursorIdx: hovering ? u.cursor.idx! : null,
    seriesIdxs: u.cursor.idxs,
    xLabel,
  });
}

/**
 * The line of values above a chart (what is under the cursor, else the latest values) and a polite live
 * region that speaks what keyboard moves show. The visible line is hidden from screen readers: it changes
 * ten times a second and would drown everything else out.
 */
export function useChartReadout(lines: readonly ChartLine[], xLabel: string, unit: string) {
  const readoutRef = useRef<HTMLParagraphElement | null>(null);
  const announceRef = useRef<HTMLParagraphElement | null>(null);
  const latest = useRef({ lines, xLabel, unit });
  useEffect(() => {
    latest.current = { lines, xLabel, unit };
  });

  const onView = useCallback((u: uPlot) => {
    if (readoutRef.current)
      writeReadout(readoutRef.current, currentReadout(u, latest.current.lines, latest.current.xLabel));
  }, []);

  const announce = useCallback((u: uPlot, what: "values" | "view") => {
    const { lines: ls, xLabel: x, unit: un } = latest.current;
    const xs = u.data[0];
    if (!announceRef.current || xs.length === 0) return;
    const bounds: [number, number] = [xs[0]!, xs[xs.length - 1]!];
    const view: [number, number] = [u.scales.x!.min!, u.scales.x!.max!];
    announceRef.current.textContent =
      what === "view"
        ? viewSentence(view, bounds, x, isZoomedIn(view, bounds))
        : readoutSentence(currentReadout(u, ls, x), un);
  }, []);

  return { readoutRef, announceRef, onView, announce };
}
