"use client";

import { useMemo, useState } from "react";
import { sampleLatents } from "../../../lib/play/decode";
import { decodeOne, interpolationGrid, latentPlaneGrid, traversalGrid } from "../../../lib/play/generate";
import type { PlayModel } from "../../../lib/play/playModel";
import { mapBase, mapBaseKey, nextDims, withDim, withMapPoint, type Dims } from "./latentPoint";

/** Slider and map range of every latent dimension (±). */
export const LATENT_RANGE = 3;
const MAP_STEPS = 15;

/** The latent panel's state: the point z, the map's two dimensions, the digit (label models), and what they decode to. */
export function useLatentExplorer(model: PlayModel) {
  const n = model.latentDim;
  const [z, setZ] = useState<number[]>(() => new Array<number>(n).fill(0));
  const [dims, setDims] = useState<Dims>([0, 1]);
  const [digit, setDigit] = useState(0);
  const [target, setTarget] = useState(1);
  const isLabel = model.condition === "label";
  const cond = useMemo(() => (isLabel ? { digit } : {}), [isLabel, digit]);

  const single = useMemo(() => decodeOne(model, z, cond), [model, z, cond]);
  // The map depends on the other dimensions' values only for latents over 2: keyed by them, a slider of one of
  // the map's own dimensions does not recompute it (225 decodes).
  const baseKey = mapBaseKey(z, dims);
  const map = useMemo(
    () => latentPlaneGrid(model, { dims, steps: MAP_STEPS, range: LATENT_RANGE, base: mapBase(baseKey), ...cond }),
    [model, dims, baseKey, cond],
  );
  const to = useMemo(() => Array.from(sampleLatents(n, 1, 1, target)), [n, target]);
  const interp = useMemo(() => interpolationGrid(model, { from: z, to, steps: 10, ...cond }), [model, z, to, cond]);
  const traversal = useMemo(
    () => traversalGrid(model, { base: z, dims: [...dims], steps: 9, range: LATENT_RANGE, ...cond }),
    [model, z, dims, cond],
  );

  return {
    n,
    z,
    dims,
    digit,
    cond,
    single,
    map,
    to,
    interp,
    traversal,
    setDigit,
    setDim: (i: number, v: number) => setZ((old) => withDim(old, i, v)),
    setMapPoint: (p: readonly [number, number]) => setZ((old) => withMapPoint(old, dims, p)),
    centre: () => setZ(new Array<number>(n).fill(0)),
    randomise: () => setZ(Array.from(sampleLatents(n, 1, 1, Date.now() % 1e9))),
    chooseDim: (axis: 0 | 1, v: number) => {
      const next = nextDims(dims, axis, v);
      if (next) setDims(next);
    },
    nextTarget: () => setTarget((t) => t + 1),
  };
}

export type LatentExplorer = ReturnType<typeof useLatentExplorer>;

/** How the panel names a dimension. */
export const dimName = (i: number) => `z${i}`;
