"use client";

import { useState } from "react";

/** Whether two lists hold, item by item, the very same parts. */
export function sameParts<T>(a: readonly T[], b: readonly T[], pick: (item: T) => readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((item, i) => {
    const pa = pick(item);
    const pb = pick(b[i]!);
    return pa.length === pb.length && pa.every((v, j) => Object.is(v, pb[j]));
  });
}

/**
 * `items` as of the last render in which any part `pick` selects changed (compared by identity), so memos
 * and memo components over them skip renders where only other fields moved — e.g. the epoch chart and
 * table while ten step points a second arrive. State set during render: React's pattern for values
 * derived from previous renders.
 */
export function useStableBy<A extends readonly unknown[]>(items: A, pick: (item: A[number]) => readonly unknown[]): A {
  const [kept, setKept] = useState(items);
  if (kept !== items && !sameParts(kept, items, pick)) {
    setKept(items);
    return items;
  }
  return kept;
}
