import type { TrainConfig } from "../../../lib/model/config";
import { resolveConfig } from "../../../lib/model/config";
import { formatInt } from "../format";

/**
 * What to expect of a run, in words: a reference −ELBO only where one was measured for that very setup,
 * and a note when a run is too short for reliable digits. Numbers come from docs/seed-notes.md (PyTorch
 * reference, full MNIST, batch 128, Adam 1e-3, one thread) and the README's results table.
 */

interface Reference {
  /** Who measured it, as the UI says it. */
  source: string;
  /** Test −ELBO in nats per image after these epochs. */
  byEpoch: Record<number, number>;
}

/** Only for the preset's own setup: the numbers mean nothing for another architecture, β or data size. */
const REFERENCES: Partial<Record<TrainConfig["preset"], Reference>> = {
  "vae-seed": { source: "PyTorch, same model", byEpoch: { 1: 146.4, 2: 126.7, 6: 110.1, 10: 106.5 } },
  "vae-pytorch": { source: "pytorch/examples", byEpoch: { 1: 127.4, 2: 115.5, 10: 105.6 } },
};

const sameLayers = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Whether `config` is the preset's reference setup (its defaults on full MNIST), the only case a reference applies to. */
export function isReferenceSetup(config: TrainConfig): boolean {
  const d = resolveConfig(config.preset);
  return (
    config.dataset === "mnist" &&
    sameLayers(config.encoderHidden, d.encoderHidden) &&
    sameLayers(config.decoderHidden, d.decoderHidden) &&
    config.latentDim === d.latentDim &&
    config.beta === 1 &&
    config.klWarmupEpochs === 0 &&
    config.learningRate === d.learningRate &&
    config.batchSize === d.batchSize &&
    config.trainSize === 60000 &&
    config.testSize === 10000
  );
}

/**
 * "PyTorch, same model: 126.7 after epoch 2 · 106.5 after 10" — the reference at the run's latest epoch
 * when one was measured there, and the 10-epoch one; null when nothing was measured for this setup.
 */
export function referenceText(config: TrainConfig, latestEpoch: number | null): string | null {
  const ref = REFERENCES[config.preset];
  if (!ref || !isReferenceSetup(config)) return null;
  const final = ref.byEpoch[10];
  const now = latestEpoch !== null && latestEpoch !== 10 ? ref.byEpoch[latestEpoch] : undefined;
  const parts = [
    now !== undefined ? `${now} after epoch ${latestEpoch}` : null,
    final !== undefined ? `${final} after 10 epochs` : null,
  ];
  return `${ref.source}: ${parts.filter(Boolean).join(" · ")}`;
}

/** Fewer epochs or images than this and generated digits are visibly unreliable (see the README's results). */
export const RELIABLE_EPOCHS = 10;
export const RELIABLE_TRAIN_SIZE = 30000;

/**
 * A plain warning for runs too short (or on too few images) to generate reliable digits, or null. Honest
 * about what was measured: the README's numbers are for 10 epochs on all 60,000 images, and a shorter run
 * can only be said to do worse than those, not by how much.
 */
export function shortRunNote(
  config: Pick<TrainConfig, "condition" | "epochs" | "trainSize" | "latentDim" | "beta" | "dataset">,
): string | null {
  const fewEpochs = config.epochs < RELIABLE_EPOCHS;
  const fewImages = config.trainSize < RELIABLE_TRAIN_SIZE;
  if (!fewEpochs && !fewImages) return null;
  const pictures = config.dataset === "fashion-mnist" ? "pictures" : "digits";
  const size = `${config.epochs} ${config.epochs === 1 ? "epoch" : "epochs"} on ${formatInt(config.trainSize)} training images`;
  const what =
    fewEpochs && fewImages ? "A short run on a small training set" : fewEpochs ? "A short run" : "A small training set";
  const full = "after 10 epochs on all 60,000 images";
  if (config.condition === "label") {
    const measured =
      config.latentDim === 2
        ? "99 % of generated digits are the requested one with latent size 2"
        : config.latentDim === 20 && config.beta >= 3
          ? "97 % of generated digits are the requested one with β = 3"
          : config.latentDim === 20 && config.beta === 1
            ? "only about 76 % of generated digits are the requested one with these settings"
            : "76 % of generated digits are the requested one with latent size 20 and β = 1, 99 % with latent size 2";
    return `${what} (${size}): generated ${pictures} will be blurrier, and more often not the digit you asked for, than measured here ${full}: ${measured}.`;
  }
  if (config.condition === "inpaint")
    return `${what} (${size}): expect blurrier fills of the hole than the README's inpainting numbers, measured ${full}.`;
  return `${what} (${size}): expect blurrier ${pictures} than the README's numbers, measured ${full}.`;
}
