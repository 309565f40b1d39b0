import { z } from "zod";

/**
 * The latent scatter of an epoch (docs/product.md "Latent scatter"; computed by server/training/loop/latentScatter.ts
 * with lib/latent/projection.ts). What every hop carries besides the two binary arrays (points: float32 x, y
 * interleaved, 2 · count values; labels: one byte per point, the image's digit or class).
 */

const finite = z.number(); // zod 4 refuses ±Infinity by default

/**
 * How the 2-D points relate to latent space. "identity" (latent 2): a point is z itself. "pca": z ≈ mean + x · axes[0]
 * + y · axes[1] — the plane through the mean of the encoded images spanned by their two directions of largest
 * variance, so a place on the map maps back to a latent vector (lib/latent/scatterGeometry.ts). `explained`: the shares
 * of the total variance along the two axes (how much of the picture the plane shows).
 */
export const LatentProjectionSchema = z
  .object({
    method: z.enum(["identity", "pca"]),
    mean: z.array(finite).max(64).nullable(),
    axes: z.tuple([z.array(finite).max(64), z.array(finite).max(64)]).nullable(),
    explained: z.tuple([finite, finite]).nullable(),
  })
  .strict()
  .refine((p) => (p.method === "identity" ? p.mean === null && p.axes === null : p.mean !== null && p.axes !== null), {
    error: "a PCA projection has a mean and two axes; the identity has neither",
  })
  .refine(
    (p) =>
      p.mean === null || p.axes === null || (p.axes[0].length === p.mean.length && p.axes[1].length === p.mean.length),
    {
      error: "the mean and both axes have the latent size",
    },
  );
export type LatentProjection = z.infer<typeof LatentProjectionSchema>;

/** Points of one epoch's scatter, at most this many (the server draws 2,000). */
export const MAX_LATENT_POINTS = 10_000;

/** A scatter's arrays with what they mean: the shape every layer below the wire uses (worker, recorder, repository). */
export interface LatentScatterData {
  epoch: number;
  projection: LatentProjection;
  /** x, y interleaved: 2 · labels.length floats. */
  points: Float32Array;
  labels: Uint8Array;
}
