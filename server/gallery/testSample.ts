import * as fs from "node:fs";
import * as path from "node:path";
import { parseIdxImages, parseIdxLabels } from "../../lib/data/idx";
import { verifyMd5 } from "../data/checksum";
import { MNIST_FILES } from "../data/mnist";
import { mnistSourceDir } from "../data/paths";

/**
 * The MNIST test split for the Play view's image picker (inpainting, reconstruction). Only the two
 * test files are read (7.9 MB), md5-checked once, and kept in memory.
 */
let cache: { images: Uint8Array; labels: Uint8Array; count: number } | null = null;

export function loadMnistTestSplit(sourceDir = mnistSourceDir()) {
  if (cache) return cache;
  const read = (f: { name: string; md5: string }) => {
    const file = path.join(sourceDir, f.name);
    verifyMd5(file, f.md5);
    return new Uint8Array(fs.readFileSync(file));
  };
  const images = parseIdxImages(read(MNIST_FILES.testImages));
  const labels = parseIdxLabels(read(MNIST_FILES.testLabels));
  cache = { images: images.pixels, labels, count: images.count };
  return cache;
}

/** n test images from `offset`: images as n*784 bytes, labels 0..9. */
export function testSample(n: number, offset: number): { images: Uint8Array; labels: number[] } {
  const split = loadMnistTestSplit();
  if (offset + n > split.count) throw new RangeError(`only ${split.count} test images`);
  return {
    images: split.images.subarray(offset * 784, (offset + n) * 784),
    labels: Array.from(split.labels.subarray(offset, offset + n)),
  };
}
