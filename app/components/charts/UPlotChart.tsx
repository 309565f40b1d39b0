"use client";

import "uplot/dist/uPlot.min.css";
import { memo, useId } from "react";
import { buttonSmall } from "../ui";
import type { ChartModel } from "./chartModel";
import { useChartKeyboard } from "./useChartKeyboard";
import { useChartReadout } from "./useChartReadout";
import { useUPlot } from "./useUPlot";

export interface UPlotChartProps {
  model: ChartModel;
  /** Runs whose lines the legend has switched off. */
  hiddenRunIds: ReadonlySet<string>;
  /** Accessible name, e.g. "Train loss per step". */
  title: string;
  /** The chart in words, for screen readers (a canvas says nothing). */
  summary: string;
  xLabel: string;
  yLabel: string;
  /** Unit spoken after values, e.g. "nats per image". */
  unit: string;
  log: boolean;
  /** Integer x ticks only (epochs). */
  integerX?: boolean;
  height?: number;
  /** Shown in the frame when there is nothing to draw yet. */
  emptyText?: string;
}

/**
 * A uPlot line chart with a value readout above it (hover, keyboard cursor or latest), drag-to-zoom with
 * a Reset zoom button, and everything a canvas cannot say in text: name, summary, keyboard help and a
 * live region for keyboard moves.
 */
export const UPlotChart = memo(function UPlotChart(props: UPlotChartProps) {
  const { model, title, summary, height = 240, emptyText = "Waiting for the first points…" } = props;
  const ids = { summary: useId(), keys: useId() };
  const readout = useChartReadout(model.lines, props.xLabel, props.unit);
  const chart = useUPlot({ ...props, height, onView: readout.onView });
  const keys = useChartKeyboard(chart.uplotRef, readout.announce, chart.pinCursor);
  const empty = model.data[0].length === 0;

  return (
    <div>
      <div className="flex min-h-6 flex-wrap items-center justify-between gap-x-3 gap-y-1 text-xs">
        <p ref={readout.readoutRef} aria-hidden="true" className="flex flex-wrap gap-x-3 tabular" />
        {chart.zoomed && !empty && (
          <button type="button" className={buttonSmall} onClick={chart.resetZoom}>
            Reset zoom
          </button>
        )}
      </div>
      <div className="relative">
        {/* Size containment: the chart takes the width it is given and never props its column open on a phone. */}
        <div
          ref={chart.plotRef}
          style={{ height }}
          // `!`: uPlot's stylesheet is unlayered and would beat Tailwind's layered utilities.
          className="rounded [contain:inline-size] [&_.u-cursor-x]:border-slate-400! [&_.u-select]:bg-sky-400/20!"
          {...(empty
            ? { "aria-hidden": true }
            : {
                tabIndex: 0,
                role: "group",
                "aria-label": title,
                "aria-describedby": `${ids.summary} ${ids.keys}`,
                onKeyDown: keys.onKeyDown,
                onBlur: keys.onBlur,
              })}
        />
        {empty && (
          // HTML over the empty frame, not canvas text: it has to wrap on a phone instead of being cut off.
          <p className="absolute inset-0 flex items-center justify-center rounded border border-slate-800 px-12 text-center text-[13px] text-slate-500">
            {emptyText}
          </p>
        )}
      </div>
      {!empty && (
        <>
          <p id={ids.summary} className="sr-only">
            {summary}
          </p>
          <p id={ids.keys} className="sr-only">
            Left and right arrow keys read the values point by point, plus and minus zoom in and out, 0 shows
            everything.
          </p>
        </>
      )}
      <p ref={readout.announceRef} className="sr-only" aria-live="polite" />
    </div>
  );
});
