import fs from "node:fs";
import path from "node:path";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { projectRoot } from "./projectRoot";

/**
 * Where a worker thread's code is, the one place that knows (the training worker, the gradient workers, the
 * checkpoint writer). Compiled (`npm run build`: this file is part of a .js bundle under dist/) the thread runs
 * dist/<entry>.js directly; from the sources under tsx it runs server/training/worker.bootstrap.cjs, which registers
 * tsx's loader in the new thread and then loads <entry>.ts (Node 20 does not pass tsx's hooks on to workers).
 *
 * @param entry the entry's path from the project root without extension, e.g. "server/training/worker"
 */
export function workerScript(entry: string): { script: string; entry: string } {
  const root = projectRoot();
  if (COMPILED) {
    const js = path.join(root, "dist", `${entry}.js`);
    if (fs.existsSync(js)) return { script: js, entry: js };
    throw new Error(`worker file ${path.relative(root, js)} not found (npm run build compiles it)`);
  }
  const ts = path.join(root, `${entry}.ts`);
  const bootstrap = path.join(root, "server", "training", "worker.bootstrap.cjs");
  if (fs.existsSync(ts) && fs.existsSync(bootstrap)) return { script: bootstrap, entry: ts };
  throw new Error(`worker file ${entry}.ts not found under ${root}`);
}

/** True when this module runs compiled (a .js bundle), false under tsx. */
const COMPILED = !__filename.endsWith(".ts");

/** Starts a worker thread on `entry`; its workerData carries `entry` too (the bootstrap loads it from there). */
export function startWorkerThread(
  entry: string,
  workerData: Record<string, unknown>,
  options: Omit<WorkerOptions, "workerData"> = {},
): Worker {
  const files = workerScript(entry);
  return new Worker(files.script, { ...options, workerData: { ...workerData, entry: files.entry } });
}
