import { parseArgs } from "node:util";
import { DatasetIdSchema } from "../../lib/model/config";
import { errorMessage } from "../../lib/errors";
import { initBackend } from "../training/backend";
import { loadDataset } from "../data/mnist";
import { judgeDir, saveJudge, trainJudge } from "../eval/judge";

/**
 * `npm run judge:train [-- --dataset mnist|fashion-mnist] [--epochs N]`: trains the classifier used by `npm run
 * evaluate` to score label-conditioned generations, and caches it under DATA_DIR/judge/ (MNIST) or
 * DATA_DIR/judge-<dataset>/.
 */
const USAGE = "usage: npm run judge:train -- [--dataset mnist|fashion-mnist] [--epochs 8]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args: process.argv.slice(2), options: { dataset: { type: "string" }, epochs: { type: "string" } } }));
  } catch (e) {
    fail(errorMessage(e));
  }
  const epochs = values.epochs === undefined ? 8 : Number(values.epochs);
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 100) fail(`--epochs must be an integer between 1 and 100 (got ${values.epochs})`);
  const dataset = DatasetIdSchema.safeParse(values.dataset ?? "mnist");
  if (!dataset.success) fail(`--dataset: "${values.dataset}" is not mnist or fashion-mnist`);
  await initBackend();
  const data = loadDataset(dataset.data, 60000, 10000);
  const judge = await trainJudge(data, { epochs, log: (m) => console.error(m) });
  const dir = judgeDir(undefined, dataset.data);
  await saveJudge(judge, dir);
  console.log(JSON.stringify({ dir, dataset: dataset.data, ...judge.info }));
}

main().catch((e: unknown) => {
  console.error(errorMessage(e));
  process.exit(1);
});
