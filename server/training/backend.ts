import * as tf from "@tensorflow/tfjs";
import { backendNotice, detectBackendFacts } from "./backendNotice";
import { loadNativeKernels, nativeKernelsError, nativeKernelsSetting } from "./native/addon";
import { installNativeFusedKernels } from "./native/fusedKernels";
import { installNativeMatMul } from "./native/matMulKernel";
import { trainingEnv } from "../config/env";

/**
 * Picks the fastest tfjs backend available in this Node process and returns its name:
 * tfjs-node ("tensorflow", native; an optional dependency that cannot install offline) → wasm → cpu.
 * `TFJS_BACKEND=wasm|cpu|tensorflow` forces one (an unavailable forced backend is an error, not a fallback).
 *
 * On wasm, matrix products go to native OpenBLAS and the training step's fused kernels run natively when the
 * optional addon was built (native/kernels, see server/training/native/): the name is then "wasm+openblas". `NATIVE_KERNELS=0` turns that off, `NATIVE_KERNELS=1`
 * makes a missing addon an error.
 */

export const BACKEND_NAMES = ["tensorflow", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

let chosen: Promise<string> | null = null;

async function tryTensorflow(): Promise<boolean> {
  try {
    // Held in a variable so bundlers and tsc do not require the optional package to exist.
    const nativeModule = "@tensorflow/tfjs-node";
    await import(nativeModule);
    return await tf.setBackend("tensorflow");
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  try {
    await import("@tensorflow/tfjs-backend-wasm");
    // In Node the .wasm binaries load from the package's dist/ by default. setBackend returns false
    // (and silently keeps the old backend) when they cannot be loaded, so the boolean is the truth.
    return await tf.setBackend("wasm");
  } catch {
    return false;
  }
}

async function tryCpu(): Promise<boolean> {
  return tf.setBackend("cpu");
}

const attempts: Record<BackendName, () => Promise<boolean>> = { tensorflow: tryTensorflow, wasm: tryWasm, cpu: tryCpu };

async function choose(log: (msg: string) => void): Promise<string> {
  const forced = trainingEnv().TFJS_BACKEND;
  if (forced) {
    if (!(await attempts[forced]())) throw new Error(`TFJS_BACKEND=${forced} is not available here`);
  } else {
    let ok = false;
    for (const name of BACKEND_NAMES) {
      if (await attempts[name]()) {
        ok = true;
        break;
      }
    }
    if (!ok) throw new Error("no tfjs backend could be initialised");
  }
  await tf.ready();
  const name = tf.getBackend() === "wasm" ? withNativeKernels() : tf.getBackend();
  for (const line of backendNotice(name, detectBackendFacts())) log(line);
  return name;
}

/** Plugs the native kernels (OpenBLAS products, fused step kernels) into the wasm backend when allowed and available. */
function withNativeKernels(): string {
  const setting = nativeKernelsSetting();
  if (setting === "off") return "wasm";
  const addon = loadNativeKernels();
  if (!addon) {
    if (setting === "required")
      throw new Error(`NATIVE_KERNELS=1 but the native kernels addon is unavailable: ${nativeKernelsError()}`);
    return "wasm";
  }
  // One OpenBLAS thread per caller: the data-parallel gradient threads already use the cores (each calls sgemm
  // from its own thread), and a pool per call would oversubscribe them.
  addon.setThreads(1);
  return installNativeMatMul(addon) && installNativeFusedKernels(addon) ? "wasm+openblas" : "wasm";
}

/**
 * Initialises the backend once per thread (later calls return the same promise). `log` gets the backend and, when a
 * faster setup is within reach, how to get it (backendNotice.ts); worker threads pass a silent one.
 */
export function initBackend(log: (msg: string) => void = (m) => console.error(m)): Promise<string> {
  chosen ??= choose(log).catch((e: unknown) => {
    chosen = null; // let a later call retry
    throw e;
  });
  return chosen;
}
