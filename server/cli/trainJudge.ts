import { DatasetIdSchema } from "../../lib/model/config";
import { errorMessage } from "../../lib/errors";
import { initBackend } from "../training/backend";
import { loadDataset } from "../data/mnist";
import { trainJudge } from "../eval/judge";
import { judgeDir, saveJudge } from "../eval/judgeFiles";
import { parseFlags, readInteger, UsageError } from "./flags";

/**
 * `npm run judge:train [-- --dataset mnist|fashion-mnist] [--epochs N]`: trains the classifier used by `npm run
 * evaluate` to score label-conditioned generations, and caches it under DATA_DIR/judge/ (MNIST) or
 * DATA_DIR/judge-<dataset>/.
 */
const USAGE = "usage: npm run judge:train -- [--dataset mnist|fashion-mnist] [--epochs 8]";

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

function readFlags(argv: string[]): { epochs: number; dataset: "mnist" | "fashion-mnist" } | "help" {
  const { values } = parseFlags({
    args: argv,
    options: { epochs: { type: "string" }, dataset: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) return "help";
  const epochs = typeof values.epochs === "string" ? readInteger("epochs", values.epochs, { min: 1, max: 100 }) : 8;
  const dataset = DatasetIdSchema.safeParse(values.dataset ?? "mnist");
  if (!dataset.success)
    throw new UsageError(`--dataset must be mnist or fashion-mnist (got ${String(values.dataset)})`);
  return { epochs, dataset: dataset.data };
}

async function main(): Promise<void> {
  let flags;
  try {
    flags = readFlags(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) fail(`${e.message}\n${USAGE}`, 2);
    throw e;
  }
  if (flags === "help") {
    console.log(USAGE);
    return;
  }
  const { epochs, dataset } = flags;
  await initBackend();
  const data = loadDataset(dataset, 60000, 10000);
  const judge = await trainJudge(data, { epochs, log: (m) => console.error(m) });
  const dir = judgeDir(undefined, dataset);
  await saveJudge(judge, dir);
  console.log(JSON.stringify({ dir, dataset, ...judge.info }));
}

main().catch((e: unknown) => fail(errorMessage(e), 1));
