import * as fs from "node:fs";
import * as path from "node:path";
import type { DatasetId } from "../../lib/model/config";
import { captureModel, loadModel } from "../../lib/model/artifacts";
import { dataDir } from "../data/paths";
import { loadDataset } from "../data/mnist";
import { JudgeInfoSchema, trainJudge, type Judge } from "./judge";

/**
 * The judge's cache: weights per dataset under DATA_DIR/judge/ (MNIST) and DATA_DIR/judge-<dataset>/ (never
 * committed); loadJudge() trains one when missing, cachedJudge() never does.
 */

/** Where a dataset's judge is cached (MNIST keeps the folder it always had). */
export function judgeDir(dir?: string, dataset: DatasetId = "mnist"): string {
  return path.join(dataDir(dir), dataset === "mnist" ? "judge" : `judge-${dataset}`);
}

export async function saveJudge(judge: Judge, dir: string): Promise<void> {
  const exported = await captureModel(judge.model);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "weights.bin"), new Uint8Array(exported.weightData));
  fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify(exported.modelJson));
  fs.writeFileSync(path.join(dir, "judge.json"), JSON.stringify(judge.info, null, 2));
}

async function readJudge(dir: string): Promise<Judge | null> {
  const files = ["model.json", "weights.bin", "judge.json"].map((f) => path.join(dir, f));
  if (!files.every((f) => fs.existsSync(f))) return null;
  const [modelJsonPath, weightsPath, infoPath] = files as [string, string, string];
  const bytes = fs.readFileSync(weightsPath);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const model = await loadModel({
    modelJson: JSON.parse(fs.readFileSync(modelJsonPath, "utf8")) as Record<string, unknown>,
    weightData,
  });
  return { model, info: JudgeInfoSchema.parse(JSON.parse(fs.readFileSync(infoPath, "utf8"))) };
}

/**
 * The dataset's judge if one is cached (judgeDir), else null — never trains one (the server's run-end evaluation
 * must not spend a minute of CPU on it; `npm run judge:train` does, once).
 */
export function cachedJudge(opts: { dataDir?: string; dataset?: DatasetId } = {}): Promise<Judge | null> {
  return readJudge(judgeDir(opts.dataDir, opts.dataset ?? "mnist"));
}

/** The dataset's cached judge (judgeDir), trained on the full dataset first when missing (about a minute). */
export async function loadJudge(
  opts: { dataDir?: string; dataset?: DatasetId; log?: (msg: string) => void; epochs?: number } = {},
): Promise<Judge> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const dataset = opts.dataset ?? "mnist";
  const dir = judgeDir(opts.dataDir, dataset);
  const cached = await readJudge(dir);
  if (cached) return cached;
  log(`no judge classifier in ${dir}: training one on ${dataset} (about a minute, once)…`);
  const judge = await trainJudge(loadDataset(dataset, 60000, 10000, { dataDir: opts.dataDir }), {
    epochs: opts.epochs,
    log,
  });
  await saveJudge(judge, dir);
  log(`judge saved to ${dir} (test accuracy ${(judge.info.testAccuracy * 100).toFixed(2)} %)`);
  return judge;
}
