/**
 * npm run iwae:sweep -- <run folder> [--n 1000] [--ks 1,10,100,1000,5000] [--seeds 1,2,3]
 *
 * How the IWAE estimate of −log p(x) (server/eval/iwae.ts) moves with the number of importance samples k, and its
 * Monte Carlo spread over noise seeds, for one exported run: for every k and seed, −log p̂ averaged over the first n
 * test images (the same images for every k). Prints the CPU model and backend first, then a table: mean over seeds,
 * spread (max − min over seeds), seconds. What README's "Results" quotes for choosing `npm run evaluate`'s default k.
 */
import { arg, machineLine } from "./bench/cli";
import path from "node:path";
import { loadVae } from "../lib/model/artifacts";
import { disposeVae } from "../lib/model/build";
import { loadDataset } from "../server/data/mnist";
import { readExport } from "../server/export/exportModel";
import { iwaeNegLogLik } from "../server/eval/iwae";
import { testConditionBuilder } from "../server/eval/runEvaluation";
import { initBackend } from "../server/training/backend";

const argv = process.argv.slice(2);
const ints = (text: string): number[] =>
  text.split(",").map((s) => {
    const v = Number(s);
    if (!Number.isInteger(v) || v < 1) throw new Error(`not a positive integer: ${s}`);
    return v;
  });

async function main(): Promise<void> {
  const dir = argv.find((a, i) => !a.startsWith("--") && !(argv[i - 1] ?? "").startsWith("--"));
  if (!dir)
    throw new Error("usage: npm run iwae:sweep -- <run folder> [--n 1000] [--ks 1,10,100,1000,5000] [--seeds 1,2,3]");
  const n = ints(arg("n", "1000"))[0]!;
  const ks = ints(arg("ks", "1,10,100,1000,5000"));
  const seeds = ints(arg("seeds", "1,2,3"));
  const backend = await initBackend(() => {});
  console.log(machineLine(backend));
  const artifacts = await readExport(path.resolve(dir));
  const models = await loadVae(artifacts);
  const data = loadDataset(models.config.dataset, 100, 10000);
  const condition = testConditionBuilder(models);
  console.log(
    `${models.config.preset} (prior ${models.config.prior}) on ${models.config.dataset}, epoch ${artifacts.meta.epoch}, test −ELBO ${artifacts.meta.metrics?.["testNegElbo"]?.toFixed(2) ?? "?"}; first ${n} test images`,
  );
  console.log("k\tmean −log p̂\tspread over seeds (max − min)\tper seed\tseconds per estimate");
  for (const k of ks) {
    const values: number[] = [];
    let seconds = 0;
    for (const seed of seeds) {
      const est = iwaeNegLogLik(
        models,
        { images: data.testImages, labels: data.testLabels, count: n },
        condition.build,
        { k, seed },
      );
      values.push(est.negLogLik);
      seconds += est.seconds;
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const spread = Math.max(...values) - Math.min(...values);
    console.log(
      `${k}\t${mean.toFixed(3)}\t${spread.toFixed(3)}\t${values.map((v) => v.toFixed(3)).join(" ")}\t${(seconds / seeds.length).toFixed(1)}`,
    );
  }
  condition.dispose();
  disposeVae(models);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
