import * as tf from "@tensorflow/tfjs";
import type { SampleGrid } from "../../../lib/contracts/training";
import { centredHoleMask } from "../../../lib/data/masks";
import {
  INPAINT_ROWS,
  LABEL_ROWS,
  labelRowDigits,
  probsToBytes,
  probsToGrid,
  RECONSTRUCTION_ROWS,
  stackTileRows,
} from "../../../lib/images/grid";
import type { VaeModels } from "../../../lib/model/build";
import { buildCondition } from "../../../lib/model/conditions";
import { PIXELS } from "../../../lib/model/config";
import { samplePrior } from "../../../lib/model/prior";
import { decode, encode } from "../../../lib/model/vae";

/**
 * The pictures shown after each epoch, in the grid layouts of lib/images/grid.ts (the Play view draws the same
 * kinds from a checkpoint, lib/play). Inputs (images, z) are fixed for the whole run so successive epochs show
 * the same digits improving.
 */

const RECON_COLS = 8;
const RECON_PAIRS = 2;
const PRIOR_SIDE = 8;
const INPAINT_COLS = 10;

export interface SampleFixtures {
  /** [n, 784] first test images and their labels [n] */
  reconX: tf.Tensor2D;
  reconLabels: tf.Tensor1D;
  /** [64, latent] fixed prior draws */
  priorZ: tf.Tensor2D;
  /** [10, latent] one z per column of the label grid */
  labelZ: tf.Tensor2D;
  inpaintTrain: tf.Tensor2D;
  inpaintTest: tf.Tensor2D;
  /** [1, 784] the evaluation hole */
  hole: tf.Tensor2D;
}

function imagesTensor(bytes: Uint8Array, count: number): tf.Tensor2D {
  return tf.tidy(() =>
    tf.div<tf.Tensor2D>(tf.tensor2d(bytes.subarray(0, count * PIXELS), [count, PIXELS], "int32"), 255),
  );
}

/** Picks the fixed inputs (first test/train images, seeded z); dispose with disposeFixtures. */
export function prepareSampleFixtures(
  latentDim: number,
  seed: number,
  train: { images: Uint8Array; count: number },
  test: { images: Uint8Array; labels: Uint8Array; count: number },
): SampleFixtures {
  const reconCount = Math.min(test.count, RECON_COLS * RECON_PAIRS);
  return {
    reconX: imagesTensor(test.images, reconCount),
    reconLabels: tf.tensor1d(test.labels.subarray(0, reconCount), "int32"),
    priorZ: tf.randomNormal([PRIOR_SIDE * PRIOR_SIDE, latentDim], 0, 1, "float32", seed + 1),
    labelZ: tf.randomNormal([10, latentDim], 0, 1, "float32", seed + 2),
    inpaintTrain: imagesTensor(train.images, Math.min(train.count, INPAINT_COLS)),
    inpaintTest: imagesTensor(test.images, Math.min(test.count, INPAINT_COLS)),
    hole: tf.tensor2d(centredHoleMask(10), [1, PIXELS]),
  };
}

export function disposeFixtures(fx: SampleFixtures): void {
  tf.dispose(Object.values(fx));
}

/** Rows: original / reconstruction (decoded at mu) pairs of the fixed test images. */
function reconstructionGrid(m: VaeModels, fx: SampleFixtures): SampleGrid {
  const n = fx.reconX.shape[0];
  const cols = Math.min(RECON_COLS, n);
  const pairs = Math.max(1, Math.floor(n / cols));
  const used = pairs * cols;
  const [orig, recon] = tf.tidy(() => {
    const x = tf.slice(fx.reconX, [0, 0], [used, PIXELS]);
    const labels = tf.slice(fx.reconLabels, [0], [used]);
    const cond = buildCondition(m.config.condition, x, labels, fx.hole);
    const { mu } = encode(m, x, cond);
    return [x.dataSync() as Float32Array, decode(m, mu, cond).dataSync() as Float32Array];
  });
  const rowLen = cols * PIXELS;
  const rows = Array.from({ length: pairs }, (_, p) =>
    [orig, recon].map((probs) => probsToBytes(probs.subarray(p * rowLen, (p + 1) * rowLen))),
  ).flat();
  const labels = Array.from({ length: pairs }, () => [...RECONSTRUCTION_ROWS]).flat();
  return probsToGrid(stackTileRows(rows, cols), pairs * 2, cols, "reconstruction", labels);
}

/** 8x8 decodes of fixed prior draws (unconditional models only). */
function priorGrid(m: VaeModels, fx: SampleFixtures): SampleGrid {
  const probs = tf.tidy(() => decode(m, fx.priorZ, null).dataSync() as Float32Array);
  return probsToGrid(probs, PRIOR_SIDE, PRIOR_SIDE, "prior");
}

/**
 * Row d = digit d; column j uses the same noise for every digit, so style is shared along a column. With a learned
 * label prior the noise goes through each digit's Gaussian (z = mean_d + std_d ⊙ ε), as the play view samples.
 */
function labelRowsGrid(m: VaeModels, fx: SampleFixtures): SampleGrid {
  const probs = tf.tidy(() => {
    const eps = tf.tile<tf.Tensor2D>(fx.labelZ, [10, 1]); // row-major: digit d uses rows d*10..d*10+9
    const digits = tf.tensor1d(labelRowDigits(10), "int32");
    const cond = tf.oneHot(digits, 10).toFloat() as tf.Tensor2D;
    return decode(m, samplePrior(m.prior, eps, cond), cond).dataSync() as Float32Array;
  });
  return probsToGrid(probs, 10, 10, "label-rows", [...LABEL_ROWS]);
}

/**
 * Rows flawed / filled / original. "filled" is the decoder at z = 0 (the prior's mode) given the observed
 * pixels, with the observed pixels pasted back so only the hole is model output.
 */
function inpaintGrid(
  m: VaeModels,
  fx: SampleFixtures,
  x: tf.Tensor2D,
  kind: "inpaint-train" | "inpaint-test",
): SampleGrid {
  const cols = x.shape[0];
  const probs = tf.tidy(() => {
    const cond = buildCondition("inpaint", x, null, fx.hole);
    if (!cond) throw new Error("inpaint condition missing");
    const z = tf.zeros<tf.Rank.R2>([cols, m.config.latentDim]);
    const flawed = tf.mul(x, fx.hole);
    const filled = tf.add(flawed, tf.mul(decode(m, z, cond), tf.sub(1, fx.hole)));
    return tf.concat([flawed, filled, x], 0).dataSync() as Float32Array;
  });
  return probsToGrid(probs, 3, cols, kind, [...INPAINT_ROWS]);
}

/** All grids for the model's condition kind. */
export function sampleGrids(m: VaeModels, fx: SampleFixtures): SampleGrid[] {
  const grids = [reconstructionGrid(m, fx)];
  switch (m.config.condition) {
    case "none":
      grids.push(priorGrid(m, fx));
      break;
    case "label":
      grids.push(labelRowsGrid(m, fx));
      break;
    case "inpaint":
      grids.push(
        inpaintGrid(m, fx, fx.inpaintTrain, "inpaint-train"),
        inpaintGrid(m, fx, fx.inpaintTest, "inpaint-test"),
      );
      break;
  }
  return grids;
}
