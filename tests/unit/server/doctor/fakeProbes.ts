import type { DoctorProbes } from "../../../../server/doctor/types";

/** A machine that has everything (tfjs-node aside, as on an offline machine); each test takes away what it needs to. */
export function fakeProbes(over: Partial<DoctorProbes> = {}): DoctorProbes {
  return {
    env: {},
    fileExists: () => true,
    readText: () => JSON.stringify({ testAccuracy: 0.981 }),
    tfjsNode: async () => "absent",
    nativeKernels: () => ({ built: true, problem: null, describe: "OpenBLAS 0.3.21 Haswell" }),
    compilerFinds: () => "found",
    commandPath: (c) => `/usr/bin/${c}`,
    playwrightChromium: () => null,
    postgres: async () => null,
    redis: async () => null,
    measureTraining: async ({ nativeKernels }) =>
      nativeKernels
        ? { backend: "wasm+openblas", imgPerSec: 27_912.4, seconds: 1.5 }
        : { backend: "wasm", imgPerSec: 8_034, seconds: 2.5 },
    ...over,
  };
}
