import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { buildVae } from "../../../../lib/model/build";
import { resolveConfig, type PresetId } from "../../../../lib/model/config";
import { toPlayModel, type PlayModel } from "../../../../lib/play/playModel";

/** The wasm backend is what the Play view runs on here; fail loudly if it does not start. */
export async function useWasm(): Promise<void> {
  if (tf.getBackend() === "wasm") return;
  const ok = await tf.setBackend("wasm");
  if (!ok) throw new Error("tfjs wasm backend failed to initialise");
  await tf.ready();
}

/** A small random-weight model of a preset (fast to build; shapes are what matter). */
export function tinyModel(preset: PresetId, latentDim = 4): PlayModel {
  const config = resolveConfig(preset, { latentDim, encoderHidden: [16], decoderHidden: [16], seed: 7 });
  return toPlayModel(buildVae(config));
}

/** Runs fn and asserts it leaves no tensors behind. */
export function assertNoLeak<T>(fn: () => T): T {
  const before = tf.memory().numTensors;
  const out = fn();
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`leaked ${after - before} tensors`);
  return out;
}
