/**
 * npm run bench:latent [-- --presets vae-seed,cvae-label --repeats 10]
 *
 * What the latent scatter adds to a training epoch (server/training/loop/latentScatter.ts: encode 2,000 fixed test
 * images, project to 2-D, copy the points out): for each preset, one full-MNIST epoch through train() (default
 * gradient threads, the scatter hook on) for the epoch's wall time, then the scatter alone on the trained models,
 * median of `repeats`; then the run-end evaluation (server/training/runEndEvaluation.ts, RUN_END_EVALUATION: what
 * the training worker computes once after a run's last epoch) on the same models — its time does not depend on how
 * well trained they are. Prints the CPU model, BLAS core type and backend first.
 */
import { arg, machineLine } from "./bench/cli";
import { disposeVae } from "../lib/model/build";
import { PRESET_IDS, resolveConfig, type PresetId } from "../lib/model/config";
import { loadMnist } from "../server/data/mnist";
import { initBackend } from "../server/training/backend";
import { disposeLatentScatter, latentScatter, prepareLatentScatter } from "../server/training/loop/latentScatter";
import { disposeFixtures, prepareSampleFixtures } from "../server/training/loop/samples";
import { evaluateFinishedRun } from "../server/training/runEndEvaluation";
import { RUN_END_EVALUATION } from "../lib/contracts/comparison";
import { train } from "../server/training/trainer";

async function main(): Promise<void> {
  const presets = arg("presets", PRESET_IDS.join(",")).split(",") as PresetId[];
  const repeats = Number(arg("repeats", "10"));
  const backend = await initBackend(() => {});
  console.log(machineLine(backend));
  const data = loadMnist(60000, 10000);
  const e = RUN_END_EVALUATION;
  console.log(
    `run-end evaluation: IWAE k = ${e.k} on ${e.iwaeImages} test images, test −ELBO on all 10,000, label accuracy ${e.perDigit}/digit (cached judge only), hole error on ${e.inpaintImages}`,
  );
  console.log(
    `preset\tepoch s (train + test ELBO + grids + scatter)\tscatter ms (median of ${repeats})\tshare of the epoch\trun-end evaluation s (once)\tits share of a 10-epoch run`,
  );
  for (const preset of presets) {
    const config = resolveConfig(preset, { epochs: 1 });
    let epochSeconds = NaN;
    let scatters = 0;
    const hooks = {
      onProgress: () => {},
      onEpoch: (m: { seconds: number }) => (epochSeconds = m.seconds),
      onSamples: () => {},
      onLatent: () => {
        scatters++;
      },
      onCheckpoint: () => {},
      control: () => "continue" as const,
    };
    const { models } = await train(config, data, hooks);
    const fx = prepareSampleFixtures(
      config.latentDim,
      config.seed,
      { images: data.trainImages, count: 10 },
      { images: data.testImages, labels: data.testLabels, count: 10000 },
    );
    const scatter = prepareLatentScatter(
      models,
      { images: data.testImages, labels: data.testLabels, count: 10000 },
      fx.hole,
    );
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      latentScatter(models, scatter, i + 1);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)]!;
    const evaluation = await evaluateFinishedRun(models, data, { run: preset, epoch: 1 });
    console.log(
      `${preset}\t${epochSeconds.toFixed(2)}\t${ms.toFixed(1)}\t${((ms / 1000 / epochSeconds) * 100).toFixed(1)} %\t${evaluation.seconds.toFixed(2)}\t${((evaluation.seconds / (10 * epochSeconds)) * 100).toFixed(1)} %` +
        `${scatters === 1 ? "" : `  (scatter hook ran ${scatters}×!)`}${evaluation.notes.length ? `  (${evaluation.notes.join("; ")})` : ""}`,
    );
    disposeLatentScatter(scatter);
    disposeFixtures(fx);
    disposeVae(models);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
