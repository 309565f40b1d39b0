import * as fs from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import type { TrainingData } from "../training/trainer";
import { FASHION_MNIST_DIR, FASHION_MNIST_FILES } from "./paths";
import { takeSplit, toTrainingData, type LoadOptions } from "./split";

export const FASHION_MISSING_MESSAGE = "Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist";

const FILES = FASHION_MNIST_FILES;

/**
 * Fashion-MNIST from Debian's `dataset-fashion-mnist` (gzipped idx files). Debian re-compresses the
 * files, so there is no upstream md5 to pin; the idx headers (magic, counts, 28x28) are checked instead.
 */
export function loadFashionMnist(trainSize: number, testSize: number, opts: LoadOptions = {}): TrainingData {
  const source = opts.sourceDir ?? FASHION_MNIST_DIR;
  const read = (name: string): Uint8Array => {
    const file = path.join(source, name);
    if (!fs.existsSync(file)) throw new Error(`${FASHION_MISSING_MESSAGE} (missing ${file})`);
    return new Uint8Array(gunzipSync(fs.readFileSync(file)));
  };
  const train = takeSplit(read(FILES.trainImages), read(FILES.trainLabels), trainSize, "Fashion-MNIST train");
  const test = takeSplit(read(FILES.testImages), read(FILES.testLabels), testSize, "Fashion-MNIST test");
  return toTrainingData(train, test);
}
