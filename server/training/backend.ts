import * as tf from "@tensorflow/tfjs";

/**
 * Picks the fastest tfjs backend available in this Node process and returns its name:
 * tfjs-node ("tensorflow", native; an optional dependency that cannot install offline) → wasm → cpu.
 * `TFJS_BACKEND=wasm|cpu|tensorflow` forces one (an unavailable forced backend is an error, not a fallback).
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
  const forced = process.env.TFJS_BACKEND?.trim();
  if (forced) {
    if (!(BACKEND_NAMES as readonly string[]).includes(forced)) {
      throw new Error(`TFJS_BACKEND=${forced} is not one of ${BACKEND_NAMES.join(", ")}`);
    }
    if (!(await attempts[forced as BackendName]())) throw new Error(`TFJS_BACKEND=${forced} is not available here`);
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
  const name = tf.getBackend();
  log(`tfjs backend: ${name}${forced ? " (TFJS_BACKEND)" : ""}`);
  return name;
}

/** Initialises the backend once per thread (later calls return the same promise). */
export function initBackend(log: (msg: string) => void = (m) => console.error(m)): Promise<string> {
  chosen ??= choose(log).catch((e: unknown) => {
    chosen = null; // let a later call retry
    throw e;
  });
  return chosen;
}
