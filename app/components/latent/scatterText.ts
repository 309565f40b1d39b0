import type { LatentProjection } from "../../../lib/contracts/latent";
import { separationWords, type ScatterSummary } from "../../../lib/latent/scatterSummary";
import { formatInt } from "../format";

/** What the two axes are: "the 2-D latent itself" or "PCA of the 20-D latent (the plane shows 31 % + 12 % of its variance)". */
export function projectionWords(p: LatentProjection, latentDim: number): string {
  if (p.method === "identity") return "the 2-D latent itself (x = z0, y = z1)";
  const share = p.explained ? ` (the plane shows ${pct(p.explained[0])} + ${pct(p.explained[1])} of its variance)` : "";
  return `PCA of the ${latentDim}-D latent${share}`;
}

/** "2,000 test images, labels separated: their centres are 2.4× their spread apart" */
export function summaryWords(s: ScatterSummary): string {
  const words = separationWords(s.separation);
  const ratio = s.separation === null ? "" : `: centres ${s.separation.toFixed(1)}× their spread apart`;
  return `${formatInt(s.count)} test images, labels ${words}${ratio}`;
}

const pct = (f: number) => `${Math.round(f * 100)} %`;
