/**
 * `npm run doctor`: what this machine has for the project and what each missing piece costs. Each check is a small
 * function of the probes it needs (DoctorProbes), so unit tests can play every machine: with and without tfjs-node,
 * OpenBLAS, Chromium, PostgreSQL, Redis, Fashion-MNIST, a cached judge. probes.ts holds the real ones.
 */

export type CheckStatus = "ok" | "missing" | "info";

export interface CheckResult {
  /** Short name, the first column. */
  name: string;
  status: CheckStatus;
  /** What this machine has, or lacks, in one line. */
  found: string;
  /** What does not work, or works worse, without it (missing only). */
  cost?: string;
  /** The command that fixes it. */
  fix?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** One bounded training measurement (vae-seed, batch 128, the real worker thread). */
export type SpeedSample = { backend: string; imgPerSec: number; seconds: number } | { error: string };

export interface DoctorProbes {
  env: Env;
  fileExists(file: string): boolean;
  readText(file: string): string | null;
  /** "absent" (not in node_modules), "loads", or the error it throws when loaded. */
  tfjsNode(): Promise<"absent" | "loads" | { error: string }>;
  /** The native kernels addon: built at all, and when it does not load, why. `describe` is OpenBLAS's build string. */
  nativeKernels(): { built: boolean; problem: string | null; describe: string | null };
  /** Whether the C compiler finds `header` (what the addon's build needs), or there is no C compiler. */
  compilerFinds(header: string): "found" | "missing" | "no-compiler";
  /** Absolute path of a command on PATH, or null. */
  commandPath(command: string): string | null;
  /** Playwright's own downloaded Chromium, or null. */
  playwrightChromium(): string | null;
  /** null when PostgreSQL at `url` answers a query, else the error. */
  postgres(url: string): Promise<string | null>;
  /** null when Redis at `url` answers PING, else the error. */
  redis(url: string): Promise<string | null>;
  /** `nativeKernels: false` measures TensorFlow.js wasm alone (NATIVE_KERNELS=0). */
  measureTraining(opts: { nativeKernels: boolean }): Promise<SpeedSample>;
}
