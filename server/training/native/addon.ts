import * as fs from "node:fs";
import * as path from "node:path";
import { errorMessage } from "../../../lib/errors";
import { projectRoot } from "../../runtime/projectRoot";
import { trainingEnv } from "../../config/env";
import type { NativeKernels } from "./kernelsApi";

/**
 * Finding and loading the optional native kernels addon (native/kernels: N-API + OpenBLAS), built at install by
 * scripts/build-native.cjs when a C compiler and OpenBLAS's headers are present. Absent addon = pure wasm, nothing
 * else changes. What it offers: kernelsApi.ts.
 */

export const ADDON_FILE = path.join("native", "kernels", "build", "Release", "vae_kernels.node");

let loaded: { addon: NativeKernels | null; error: string | null } | null = null;

function candidates(): string[] {
  return [path.resolve(projectRoot(), ADDON_FILE), path.resolve(process.cwd(), ADDON_FILE)];
}

/** What this code calls: an addon built from an older checkout lacks some (npm run build:native rebuilds it). */
const REQUIRED: (keyof NativeKernels)[] = [
  "sgemm",
  "adam",
  "bernoulliLogits",
  "denseForward",
  "denseBackward",
  "gaussianLatent",
  "gaussianLatentGrad",
  "gaussianLatentPrior",
  "gaussianLatentPriorGrad",
  "bernoulliRowLogLik",
  "biasReluColumns",
  "trainerCreate",
  "trainerStep",
  "trainerGradients",
  "trainerFree",
  "trainerEvaluate",
  "setThreads",
  "describe",
  "gaussianFill",
];

/** Loads the addon once per thread; null when it was not built or is stale (the reason: nativeKernelsError()). */
export function loadNativeKernels(): NativeKernels | null {
  if (loaded) return loaded.addon;
  const file = candidates().find((f) => fs.existsSync(f));
  if (!file) {
    loaded = {
      addon: null,
      error: `${ADDON_FILE} not built (npm install builds it when OpenBLAS's headers are installed)`,
    };
    return null;
  }
  try {
    const mod = { exports: {} as NativeKernels };
    process.dlopen(mod, file);
    const missing = REQUIRED.filter((name) => typeof mod.exports[name] !== "function");
    loaded = missing.length
      ? { addon: null, error: `${file} is from an older version (no ${missing.join(", ")}): run npm run build:native` }
      : { addon: mod.exports, error: null };
  } catch (e) {
    loaded = { addon: null, error: `${file}: ${errorMessage(e)}` };
  }
  return loaded.addon;
}

export function nativeKernelsError(): string | null {
  loadNativeKernels();
  return loaded?.error ?? null;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * NATIVE_KERNELS, the one switch for every native kernel (GEMM, fused step kernels, Adam): unset = use them when
 * built, "0" = off, "1" = required (a missing addon is an error). Anything else is refused.
 */
export function nativeKernelsSetting(env: Env = process.env): "auto" | "off" | "required" {
  const value = trainingEnv(env).NATIVE_KERNELS;
  return value === undefined ? "auto" : value === "0" ? "off" : "required";
}

/** The addon unless NATIVE_KERNELS=0 turned native kernels off. */
export function activeNativeKernels(env: Env = process.env): NativeKernels | null {
  return nativeKernelsSetting(env) === "off" ? null : loadNativeKernels();
}
