"use client";

import { useEffect, useMemo, useState } from "react";
import { labelRowsGrid, priorGrid } from "../../../lib/play/generate";
import type { PlayModel } from "../../../lib/play/playModel";
import { timed } from "../../../lib/play/timed";
import type { DigitPick } from "./generation";

/** The Generate panel's state: temperature, seed and digit, and the grid they decode to (with its time). */
export function useGenerate(model: PlayModel) {
  const isLabel = model.condition === "label";
  const [temperature, setTemperature] = useState(1);
  const [seed, setSeed] = useState(1);
  const [digit, setDigit] = useState<DigitPick>(isLabel ? "all" : 0);

  const result = useMemo(() => {
    const { value: grid, ms } = timed(() =>
      isLabel && digit === "all"
        ? labelRowsGrid(model, { cols: 8, temperature, seed })
        : priorGrid(model, {
            rows: isLabel ? 4 : 8,
            cols: 8,
            temperature,
            seed,
            digit: isLabel && digit !== "all" ? digit : undefined,
          }),
    );
    return { grid, ms };
  }, [model, isLabel, digit, temperature, seed]);

  useEffect(() => {
    try {
      performance.mark("vae:first-grid"); // read by scripts/bench-browser.ts
      // The frame after the commit: when the digits are actually on screen.
      requestAnimationFrame(() => setTimeout(() => performance.mark("vae:first-grid-painted"), 0));
    } catch {
      // diagnostics only
    }
  }, []);

  return {
    isLabel,
    temperature,
    setTemperature,
    seed,
    reseed: () => setSeed((s) => s + 1),
    digit,
    setDigit,
    ...result,
  };
}
