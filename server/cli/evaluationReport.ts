import type { InpaintingReport, LabelAccuracyReport, NegElboReport } from "../eval/measures";

/** What `npm run evaluate` measures for one run (fields present when they apply to the preset). */
export interface Evaluation {
  run: string;
  preset: string;
  dataset: string;
  epoch: number;
  latentDim: number;
  backend: string;
  testNegElbo?: NegElboReport;
  labelAccuracy?: LabelAccuracyReport & { judgeTestAccuracy: number };
  inpainting?: InpaintingReport;
  notes?: string[];
  seconds?: number;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** A plain-text table of an evaluation, one measure per row. */
export function evaluationTable(e: Evaluation): string {
  const rows: [string, string][] = [];
  if (e.testNegElbo) {
    const t = e.testNegElbo;
    rows.push([`test negative ELBO (nats/image, ${t.n} images)`, `${t.negElbo.toFixed(2)}  (recon ${t.recon.toFixed(2)} + KL ${t.kl.toFixed(2)})`]);
  }
  if (e.labelAccuracy) {
    const l = e.labelAccuracy;
    rows.push([`label accuracy (${l.perDigitSamples}/digit from the prior, judge ${pct(l.judgeTestAccuracy)})`, pct(l.accuracy)]);
    rows.push(["  per digit 0..9", l.perDigit.map((a) => Math.round(a * 100)).join(" ")]);
  }
  if (e.inpainting) {
    const i = e.inpainting;
    rows.push([`inpainting, centred ${i.holePixels}-pixel hole (${i.n} test images)`, "BCE nats / squared error, summed over the hole"]);
    const line = (name: string, h: { bce: number; se: number } | undefined): void => {
      if (h) rows.push([`  ${name}`, `${h.bce.toFixed(2)} / ${h.se.toFixed(2)}`]);
    };
    line("model, decoder at z = 0", i.modelZ0);
    line("model, one prior sample", i.modelSample);
    line("baseline: mean training image", i.meanFill);
    line("baseline: nearest neighbour (visible pixels)", i.nearestNeighbour);
  }
  for (const n of e.notes ?? []) rows.push(["note", n]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const head = `${e.preset} on ${e.dataset}, epoch ${e.epoch}, latent ${e.latentDim} (${e.run})`;
  return [head, ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)].join("\n");
}
