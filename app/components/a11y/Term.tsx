"use client";

import type { ReactNode } from "react";
import { TooltipBubble } from "./TooltipBubble";
import { useTooltip } from "./useTooltip";

/** A word of jargon (−ELBO, KL) with its explanation on hover and on keyboard focus. */
export function Term({ children, explain }: { children: ReactNode; explain: string }) {
  const tip = useTooltip();
  return (
    <span className="relative inline-block" {...tip.containerProps}>
      <button
        type="button"
        aria-describedby={tip.id}
        className="cursor-help underline decoration-dotted decoration-slate-400 underline-offset-2"
      >
        {children}
      </button>
      <TooltipBubble id={tip.id} open={tip.open} className="left-0 w-64 max-w-[calc(100vw-2rem)]">
        {explain}
      </TooltipBubble>
    </span>
  );
}

export const EXPLAIN = {
  negElbo:
    "Negative evidence lower bound, in nats per test image: the reconstruction error plus the KL term. It bounds how many nats the model needs to describe an image; lower is better.",
  kl: "Kullback–Leibler divergence between each image's code distribution and the standard normal prior: the price of keeping codes tidy enough to sample from.",
  recon:
    "Reconstruction error: binary cross-entropy between the image and its reconstruction, summed over the 784 pixels.",
} as const;
