import { initBackend } from "../training/backend";
import { loadMnist } from "../data/mnist";
import { judgeDir, saveJudge, trainJudge } from "../eval/judge";

/**
 * `npm run judge:train [-- --epochs N]`: trains the MNIST judge classifier used by `npm run evaluate`
 * (label accuracy of cvae-label generations) and caches it under DATA_DIR/judge/.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--epochs");
  const epochs = at >= 0 ? Number(args[at + 1]) : 8;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 100) {
    console.error(`--epochs must be an integer between 1 and 100 (got ${args[at + 1]})`);
    process.exit(2);
  }
  await initBackend();
  const data = loadMnist(60000, 10000);
  const judge = await trainJudge(data, { epochs, log: (m) => console.error(m) });
  const dir = judgeDir();
  await saveJudge(judge, dir);
  console.log(JSON.stringify({ dir, ...judge.info }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
