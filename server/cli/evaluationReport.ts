import type { RunEvaluation } from "../eval/runEvaluation";

/** What `npm run evaluate` measures for one run (server/eval/runEvaluation.ts) plus where and how long. */
export type Evaluation = RunEvaluation & { run: string; backend: string; seconds: number };

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** A plain-text table of an evaluation, one measure per row. */
export function evaluationTable(e: Evaluation): string {
  const rows: [string, string][] = [];
  const conditional = e.condition !== "none";
  const t = e.testNegElbo;
  rows.push([
    `test negative ELBO (nats/image, ${t.n} images)`,
    `${t.negElbo.toFixed(2)}  (recon ${t.recon.toFixed(2)} + KL ${t.kl.toFixed(2)})`,
  ]);
  if (e.iwae) {
    const i = e.iwae;
    rows.push([
      `IWAE −log p(x${conditional ? " | condition" : ""}) (k ${i.k}, ${i.n} images)`,
      `${i.negLogLik.toFixed(2)}  (± ${i.stdErr.toFixed(2)} standard error over images; seed ${i.seed}; ${i.seconds.toFixed(0)} s)`,
    ]);
  }
  if (e.labelAccuracy) {
    const l = e.labelAccuracy;
    rows.push([
      `label accuracy (${l.perDigitSamples}/class from the prior "${e.prior}", judge ${pct(l.judgeTestAccuracy)})`,
      pct(l.accuracy),
    ]);
    rows.push(["  per class 0..9", l.perDigit.map((a) => Math.round(a * 100)).join(" ")]);
  }
  if (e.inpainting) {
    const i = e.inpainting;
    rows.push([
      `inpainting, centred ${i.holePixels}-pixel hole (${i.n} test images)`,
      "BCE nats / squared error, summed over the hole",
    ]);
    const line = (name: string, h: { bce: number; se: number } | undefined): void => {
      if (h) rows.push([`  ${name}`, `${h.bce.toFixed(2)} / ${h.se.toFixed(2)}`]);
    };
    line("model, decoder at z = 0", i.modelZ0);
    line("model, one prior sample", i.modelSample);
    line("baseline: mean training image", i.meanFill);
    line("baseline: nearest neighbour (visible pixels)", i.nearestNeighbour);
  }
  for (const n of e.notes) rows.push(["note", n]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const head = `${e.preset} on ${e.dataset}, epoch ${e.epoch ?? "?"}, latent ${e.latentDim}, prior ${e.prior} (${e.run})`;
  return [head, ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)].join("\n");
}
