"use client";

import { useMemo, useState, type KeyboardEvent } from "react";
import { moveCursor, planeToLatent, scatterBounds } from "../../../lib/latent/scatterGeometry";
import { decodeOne } from "../../../lib/play/generate";
import type { PlayModel } from "../../../lib/play/playModel";
import type { LiveLatent } from "../../client/sessionState";
import { AUTO_DIGIT, digitChoiceOf } from "./DigitSelect";
import { arrowMove, cursorWords, describeTarget, pickTarget, type Target } from "./scatterTarget";

export type ScatterMapState = ReturnType<typeof useScatterMap>;

/** The Play map's state: the cursor, the decoded place (and the test image picked there), the digit to decode as. */
export function useScatterMap(model: PlayModel, scatter: LiveLatent) {
  const bounds = useMemo(() => scatterBounds(scatter.points), [scatter]);
  const centre: [number, number] = [(bounds.x0 + bounds.x1) / 2, (bounds.y0 + bounds.y1) / 2];
  const [cursor, setCursor] = useState<[number, number]>(centre);
  const [target, setTarget] = useState<Target | null>(null);
  const [digitChoice, setDigitChoice] = useState<typeof AUTO_DIGIT | number>(AUTO_DIGIT);
  const [highlight, setHighlight] = useState<number | null>(null);
  const label = model.condition === "label";

  // A new epoch's scatter (another checkpoint) has other coordinates: start again from its centre
  // (a render-time update: React re-renders at once, before painting).
  const [boundsShown, setBoundsShown] = useState(bounds);
  if (boundsShown !== bounds) {
    setBoundsShown(bounds);
    setCursor(centre);
    setTarget(null);
  }

  const decodeAt = (at: [number, number]) => {
    const t = pickTarget(scatter, bounds, at);
    setCursor(t.at);
    setTarget(t);
  };

  const pointDigit = target?.point != null ? scatter.labels[target.point]! : null;
  const digit = digitChoice === AUTO_DIGIT ? (pointDigit ?? 0) : digitChoice;
  const z = useMemo(
    () => (target ? planeToLatent(scatter.projection, target.at[0], target.at[1]) : null),
    [target, scatter],
  );
  const decoded = useMemo(() => (z ? decodeOne(model, z, label ? { digit } : {}) : null), [model, z, label, digit]);

  function onKey(e: KeyboardEvent) {
    const m = arrowMove(e.key, e.shiftKey);
    if (m) {
      e.preventDefault();
      setCursor((c) => moveCursor(bounds, c, m[0], m[1]));
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      decodeAt(cursor);
    } else if (e.key === "Home") {
      e.preventDefault();
      setCursor(centre);
    }
  }

  return {
    bounds,
    cursor,
    highlight,
    setHighlight,
    label,
    digit,
    /** The digit select's value, and what its choice sets. */
    digitValue: String(digitChoice),
    chooseDigit: (value: string) => setDigitChoice(digitChoiceOf(value)),
    z,
    decoded,
    decodeAt,
    onKey,
    cursorText: cursorWords(scatter, cursor),
    status: target
      ? describeTarget(target, scatter, label ? digit : null)
      : "Click the map, or focus it and press Enter, to decode a place.",
  };
}
