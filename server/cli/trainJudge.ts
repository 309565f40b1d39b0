import { errorMessage } from "../../lib/errors";
import { initBackend } from "../training/backend";
import { loadMnist } from "../data/mnist";
import { judgeDir, saveJudge, trainJudge } from "../eval/judge";
import { parseFlags, readInteger, UsageError } from "./flags";

/**
 * `npm run judge:train [-- --epochs N]`: trains the MNIST judge classifier used by `npm run evaluate`
 * (label accuracy of cvae-label generations) and caches it under DATA_DIR/judge/.
 */
const USAGE = "usage: npm run judge:train -- [--epochs 8]";

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

function readEpochs(argv: string[]): number | "help" {
  const { values } = parseFlags({ args: argv, options: { epochs: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) return "help";
  return typeof values.epochs === "string" ? readInteger("epochs", values.epochs, { min: 1, max: 100 }) : 8;
}

async function main(): Promise<void> {
  let epochs;
  try {
    epochs = readEpochs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) fail(`${e.message}\n${USAGE}`, 2);
    throw e;
  }
  if (epochs === "help") return void console.log(USAGE);
  await initBackend();
  const data = loadMnist(60000, 10000);
  const judge = await trainJudge(data, { epochs, log: (m) => console.error(m) });
  const dir = judgeDir();
  await saveJudge(judge, dir);
  console.log(JSON.stringify({ dir, ...judge.info }));
}

main().catch((e: unknown) => fail(errorMessage(e), 1));
