"use client";

import { useCallback, type KeyboardEvent, type RefObject } from "react";
import type uPlot from "uplot";
import { placeCursorAt } from "./chartCursor";
import { chartKeyAction, nextCursorIndex, rangeIncluding, zoomedRange } from "./chartNavigation";

type Range = [number, number];

function setView(u: uPlot, [min, max]: Range) {
  // batch() draws at once, so positions read right after it already use the new range.
  u.batch(() => u.setScale("x", { min, max }));
}

/**
 * Keyboard twin of hover and drag-zoom on a focused chart (keys in chartNavigation.ts). `announce` tells
 * screen readers what the move shows: the values under the cursor, or the range now in view. `pin` keeps the
 * cursor on its point while a live chart rescales (useUPlot's pinCursor).
 */
export function useChartKeyboard(
  uplotRef: RefObject<uPlot | null>,
  announce: (u: uPlot, what: "values" | "view") => void,
  pin: (x: number | null) => void,
) {
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const u = uplotRef.current;
      const action = chartKeyAction(e.key, e.shiftKey);
      const xs = u?.data[0];
      if (!u || !action || !xs || xs.length === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      const bounds: Range = [xs[0]!, xs[xs.length - 1]!];
      const view: Range = [u.scales.x!.min!, u.scales.x!.max!];
      const cursorIdx = u.cursor.idx != null && (u.cursor.left ?? -1) >= 0 ? u.cursor.idx : null;
      switch (action.type) {
        case "leave":
          pin(null);
          u.setCursor({ left: -10, top: -10 });
          return;
        case "reset":
        case "zoom": {
          const center = cursorIdx !== null ? xs[cursorIdx]! : (view[0] + view[1]) / 2;
          // Never closer than about five points across.
          const minWidth = ((bounds[1] - bounds[0]) * 5) / xs.length;
          setView(u, action.type === "reset" ? bounds : zoomedRange(view, center, action.factor, bounds, minWidth));
          if (cursorIdx !== null) placeCursorAt(u, xs[cursorIdx]!);
          announce(u, "view");
          return;
        }
        default: {
          let newestInView = xs.length - 1;
          while (newestInView > 0 && xs[newestInView]! > view[1]) newestInView--;
          const idx = nextCursorIndex(action, cursorIdx, [0, xs.length - 1], newestInView);
          const next = rangeIncluding(view, xs[idx]!, bounds);
          if (next[0] !== view[0] || next[1] !== view[1]) setView(u, next);
          placeCursorAt(u, xs[idx]!);
          pin(xs[idx]!);
          announce(u, "values");
        }
      }
    },
    [uplotRef, announce, pin],
  );
  const onBlur = useCallback(() => {
    pin(null);
    uplotRef.current?.setCursor({ left: -10, top: -10 });
  }, [uplotRef, pin]);
  return { onKeyDown, onBlur };
}
