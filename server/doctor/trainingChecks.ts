import type { CheckResult, DoctorProbes, SpeedSample } from "./types";

/** Training: the backend in use with its measured speed, tfjs-node, the native kernels and what builds them. */

const rate = (imgPerSec: number): string => `${Math.round(imgPerSec).toLocaleString("en-US")} img/s`;

const REINSTALL = "npm ci   (reinstalls @tensorflow/tfjs and its wasm backend)";

/**
 * Measures what training runs at here (the backend training picks by itself), and with the native kernels in use
 * also TensorFlow.js wasm alone, so the kernels' worth on this machine is a measured ratio, not a claim.
 */
export async function checkTrainingSpeed(
  p: Pick<DoctorProbes, "measureTraining">,
  measure: boolean,
): Promise<CheckResult> {
  const name = "training speed";
  if (!measure) return { name, status: "info", found: "not measured (--no-measure)" };
  const main: SpeedSample = await p.measureTraining({ nativeKernels: true });
  if ("error" in main)
    return {
      name,
      status: "missing",
      found: `training did not run: ${main.error}`,
      cost: "no training at all",
      fix: REINSTALL,
    };
  const found = `${main.backend}: ${rate(main.imgPerSec)} (vae-seed, batch 128, measured for ${main.seconds.toFixed(1)} s)`;
  if (main.backend === "cpu") {
    return {
      name,
      status: "missing",
      found,
      cost: "the wasm backend did not load: training runs 10-100x slower than it should",
      fix: REINSTALL,
    };
  }
  if (main.backend !== "wasm+openblas") return { name, status: "ok", found };
  const alone = await p.measureTraining({ nativeKernels: false });
  if ("error" in alone) return { name, status: "ok", found: `${found}; wasm alone failed: ${alone.error}` };
  return {
    name,
    status: "ok",
    found: `${found}; wasm alone ${rate(alone.imgPerSec)} (the native kernels: ${(main.imgPerSec / alone.imgPerSec).toFixed(1)}x)`,
  };
}

/** tfjs-node: an optional dependency whose install downloads libtensorflow, so offline machines go without it. */
export async function checkTfjsNode(p: Pick<DoctorProbes, "tfjsNode">): Promise<CheckResult> {
  const name = "tfjs-node";
  const state = await p.tfjsNode();
  if (state === "loads")
    return {
      name,
      status: "ok",
      found: "@tensorflow/tfjs-node loads (TensorFlow's native library); training tries it first",
    };
  const cost =
    "none that breaks anything: training uses the next backend (speed above); tfjs-node is tried first when present";
  if (state === "absent") {
    return {
      name,
      status: "missing",
      found:
        "not installed (optional: its install downloads libtensorflow from Google's storage, which needs internet)",
      cost,
      fix: "npm install   (on a machine with internet)",
    };
  }
  return {
    name,
    status: "missing",
    found: `installed but does not load: ${state.error}`,
    cost,
    fix: "npm rebuild @tensorflow/tfjs-node   (with internet)",
  };
}

/** The native kernels addon (native/kernels): OpenBLAS matrix products and fused training-step kernels on wasm memory. */
export function checkNativeKernels(p: Pick<DoctorProbes, "env" | "nativeKernels" | "compilerFinds">): CheckResult {
  const name = "native kernels";
  const addon = p.nativeKernels();
  if (addon.built && !addon.problem) {
    const off = p.env.NATIVE_KERNELS?.trim() === "0";
    return {
      name,
      status: off ? "info" : "ok",
      found: `built and loading${addon.describe ? ` (${addon.describe})` : ""}${off ? "; NATIVE_KERNELS=0 keeps them off" : ""}`,
    };
  }
  const cost = "training runs on TensorFlow.js wasm alone, about 3x slower";
  if (addon.built)
    return {
      name,
      status: "missing",
      found: `built but not loading: ${addon.problem}`,
      cost,
      fix: "npm run build:native",
    };
  const headers = p.compilerFinds("cblas.h");
  const fix =
    headers === "found"
      ? "npm run build:native"
      : headers === "missing"
        ? "apt-get install libopenblas-dev && npm run build:native"
        : "apt-get install build-essential libopenblas-dev && npm run build:native";
  return {
    name,
    status: "missing",
    found: "not built (npm install builds them when OpenBLAS's headers are installed)",
    cost,
    fix,
  };
}

/** OpenBLAS's headers: what `npm install` / `npm run build:native` need to build the native kernels. */
export function checkOpenBlasHeaders(p: Pick<DoctorProbes, "compilerFinds">, kernelsBuilt: boolean): CheckResult {
  const name = "OpenBLAS headers";
  const headers = p.compilerFinds("cblas.h");
  if (headers === "found")
    return { name, status: "ok", found: "cblas.h found by the C compiler (the native kernels can be built)" };
  const cost = kernelsBuilt
    ? "nothing now (the kernels are built); rebuilding them would fail"
    : "the native kernels cannot be built (see above)";
  if (headers === "no-compiler") {
    return {
      name,
      status: "missing",
      found: "no C compiler (cc) on PATH",
      cost,
      fix: "apt-get install build-essential libopenblas-dev",
    };
  }
  return {
    name,
    status: "missing",
    found: "cblas.h not found by the C compiler",
    cost,
    fix: "apt-get install libopenblas-dev",
  };
}
