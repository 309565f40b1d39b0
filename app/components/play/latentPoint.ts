/** Pure edits of the Play view's latent point `z` and its map axes (the LatentPanel's logic, unit-tested). */

export type Dims = [number, number];

/** `z` with dimension `i` set to `v`. */
export function withDim(z: readonly number[], i: number, v: number): number[] {
  return z.map((x, j) => (j === i ? v : x));
}

/** `z` moved to the map point (x, y) on its two map dimensions. */
export function withMapPoint(z: readonly number[], dims: Dims, [x, y]: readonly [number, number]): number[] {
  return z.map((v, i) => (i === dims[0] ? x : i === dims[1] ? y : v));
}

/** The map axes after choosing `v` for one axis; null when both axes would be the same dimension. */
export function nextDims(dims: Dims, axis: 0 | 1, v: number): Dims | null {
  const next: Dims = axis === 0 ? [v, dims[1]] : [dims[0], v];
  return next[0] === next[1] ? null : next;
}

/**
 * What the latent map depends on besides its axes: for latents over 2, the other dimensions' values (the map's
 * dimensions read 0), as a string so the map is recomputed only when one of those changes. "" for a 2-D latent.
 */
export function mapBaseKey(z: readonly number[], dims: Dims): string {
  return z.length === 2 ? "" : z.map((v, i) => (dims.includes(i) ? 0 : v)).join(",");
}

/** The map's base point from its key (numbers print and parse back exactly); undefined for a 2-D latent. */
export function mapBase(key: string): number[] | undefined {
  return key === "" ? undefined : key.split(",").map(Number);
}
