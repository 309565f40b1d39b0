import type { ComparisonRow } from "../../lib/contracts/comparison";
import { RUN_END_EVALUATION } from "../../lib/contracts/comparison";
import type { VaeModels } from "../../lib/model/build";
import { toComparisonRow } from "../eval/comparison";
import type { Judge } from "../eval/judge";
import { cachedJudge } from "../eval/judgeFiles";
import { evaluateRun } from "../eval/runEvaluation";
import type { TrainingData } from "./trainer";

/**
 * A finished run's line of its session's comparison table, computed in the training worker right after the last
 * epoch with the models still in memory (never on an app server's event loop): test −ELBO with recon / KL on the
 * run's test split, IWAE −log p(x) with RUN_END_EVALUATION's k on its first test images, the judge's label accuracy
 * of prior samples (label-conditioned runs, when a judge is cached: none is trained here — it would take a minute
 * of the CPU the next run needs — so without one the row says so in its notes), and the hole error against the two
 * baselines (inpainting runs).
 */
export interface RunEndEvaluation {
  row: ComparisonRow;
  seconds: number;
  notes: string[];
}

export interface RunEndEvaluationOptions {
  /** What the row's `run` column says (the run's id on the server). */
  run: string;
  epoch: number;
  dataDir?: string;
  /** Tests pass a judge (or null); default: the dataset's cached judge, if any. */
  judge?: Judge | null;
  settings?: Partial<Record<keyof typeof RUN_END_EVALUATION, number>>;
}

export const JUDGE_MISSING_NOTE =
  "label accuracy not measured: no judge classifier on the server (npm run judge:train trains it once, about a minute)";

export async function evaluateFinishedRun(
  models: VaeModels,
  data: TrainingData,
  opts: RunEndEvaluationOptions,
): Promise<RunEndEvaluation> {
  const started = performance.now();
  const s = { ...RUN_END_EVALUATION, ...opts.settings };
  const label = models.config.condition === "label";
  const judge =
    opts.judge !== undefined
      ? opts.judge
      : label
        ? await cachedJudge({ dataDir: opts.dataDir, dataset: models.config.dataset })
        : null;
  try {
    const e = evaluateRun(models, data, {
      k: s.k,
      iwaeImages: s.iwaeImages,
      perDigit: s.perDigit,
      inpaintImages: s.inpaintImages,
      judge,
      epoch: opts.epoch,
    });
    const notes = e.notes.map((n) => (n.startsWith("label accuracy skipped") ? JUDGE_MISSING_NOTE : n));
    return { row: toComparisonRow(opts.run, e), seconds: (performance.now() - started) / 1000, notes };
  } finally {
    if (opts.judge === undefined) judge?.model.dispose();
  }
}
