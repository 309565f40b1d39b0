import { z } from "zod";

/**
 * The prior p(z | condition) as exported in a checkpoint's meta.json, written so that any page can sample from it
 * without our code (docs/api.md):
 *   { "kind": "standard" }                                   z ~ N(0, I)
 *   { "kind": "label-gaussian", "mean": [[…], ×10], "logVar": [[…], ×10] }
 *                                                            for digit k: z = mean[k] + exp(½·logVar[k]) ⊙ ε, ε ~ N(0, I)
 * Row k of mean and logVar is digit k; each row has latentDim numbers.
 */

const finiteRow = z.array(z.number()).min(1);

export const LABEL_PRIOR_CLASSES = 10;

export const StandardPriorSpecSchema = z.object({ kind: z.literal("standard") }).strict();

export const LabelGaussianPriorSpecSchema = z
  .object({
    kind: z.literal("label-gaussian"),
    mean: z.array(finiteRow).length(LABEL_PRIOR_CLASSES),
    logVar: z.array(finiteRow).length(LABEL_PRIOR_CLASSES),
  })
  .strict()
  .superRefine((p, ctx) => {
    const width = p.mean[0]?.length ?? 0;
    const rows = [...p.mean, ...p.logVar];
    if (rows.some((r) => r.length !== width))
      ctx.addIssue({ code: "custom", message: "every mean and logVar row must have latentDim numbers" });
  });

export const PriorSpecSchema = z.union([StandardPriorSpecSchema, LabelGaussianPriorSpecSchema]);
export type PriorSpec = z.infer<typeof PriorSpecSchema>;
export type LabelGaussianPriorSpec = z.infer<typeof LabelGaussianPriorSpecSchema>;

export const STANDARD_PRIOR: PriorSpec = { kind: "standard" };

/** Latent width of a label prior (its rows' length); null for the standard prior, which fits any latent size. */
export function priorLatentDim(p: PriorSpec): number | null {
  return p.kind === "standard" ? null : (p.mean[0]?.length ?? 0);
}
