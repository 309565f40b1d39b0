import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { loadVae } from "../../lib/model/artifacts";
import type { VaeModels } from "../../lib/model/build";
import { loadDataset } from "../data/mnist";
import { readExport } from "../export/exportModel";
import { loadJudge } from "../eval/judge";
import { inpaintingError, labelAccuracy, testNegElbo } from "../eval/measures";
import { initBackend } from "../training/backend";
import { evaluationTable, type Evaluation } from "./evaluationReport";
import { errorMessage } from "../../lib/errors";

/**
 * `npm run evaluate -- runs/x [--n 1000] [--per-digit 100]`: the quality measures that apply to the run's
 * preset, on the full test split: test negative ELBO (all), judge label accuracy (label models on MNIST),
 * inpainting error vs. baselines (inpaint models). Prints a table (stdout), then the JSON on one line, and
 * writes <run>/evaluation.json.
 */

const USAGE = "usage: npm run evaluate -- <run folder> [--n 1000] [--per-digit 100] [--seed 1]";

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

function intFlag(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1 || v > max) fail(`--${name}: expected an integer in 1..${max}, got "${text}"\n${USAGE}`, 2);
  return v;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { n: { type: "string" }, "per-digit": { type: "string" }, seed: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    fail(`${errorMessage(e)}\n${USAGE}`, 2);
  }
  if (parsed.values.help) return void console.log(USAGE);
  const dir = parsed.positionals[0];
  if (!dir || parsed.positionals.length > 1) fail(USAGE, 2);
  const n = intFlag("n", parsed.values.n, 1000, 10000);
  const perDigit = intFlag("per-digit", parsed.values["per-digit"], 100, 1000);
  const seed = intFlag("seed", parsed.values.seed, 1, 2 ** 31 - 1);

  const backend = await initBackend();
  const artifacts = await readExport(path.resolve(dir)).catch((e: unknown) => fail(errorMessage(e), 2));
  const config = artifacts.meta.config;
  const models: VaeModels = await loadVae(artifacts);
  const started = Date.now();
  const data = loadDataset(config.dataset, 60000, 10000);

  const evaluation: Evaluation = { run: path.resolve(dir), preset: config.preset, dataset: config.dataset, epoch: artifacts.meta.epoch, latentDim: config.latentDim, backend };
  evaluation.testNegElbo = testNegElbo(models, data, { seed });
  if (config.condition === "label") {
    if (config.dataset === "mnist") {
      const judge = await loadJudge();
      evaluation.labelAccuracy = { ...labelAccuracy(models, judge.model, perDigit, seed), judgeTestAccuracy: judge.info.testAccuracy };
      judge.model.dispose();
    } else {
      evaluation.notes = ["label accuracy skipped: the judge classifier reads MNIST digits only"];
    }
  }
  if (config.condition === "inpaint") evaluation.inpainting = inpaintingError(models, data, n, { seed });
  evaluation.seconds = (Date.now() - started) / 1000;

  console.log(evaluationTable(evaluation));
  console.log(JSON.stringify(evaluation));
  fs.writeFileSync(path.join(path.resolve(dir), "evaluation.json"), JSON.stringify(evaluation, null, 2));
  models.encoder.dispose();
  models.decoder.dispose();
}

main().catch((e: unknown) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e), 1));
