import type { Worker } from "node:worker_threads";
import type { CheckpointArtifacts } from "../../lib/contracts/training";
import type { CheckpointSummary, GridRecord, Repositories } from "../repositories/types";
import { startWorkerThread } from "../runtime/workerThreads";
import { componentLog } from "../logging/logger";

/**
 * Where the big binary records (checkpoint weights, sample grids) get written. Storing a checkpoint with SQLite is
 * synchronous main-thread work (Bytes are base64-encoded by the client engine and better-sqlite3 is synchronous)
 * long enough to freeze every viewer's stream once per epoch (docs/performance.md). The thread writer moves that
 * work to a worker thread with its own connection; the in-process writer is the fallback (and what unit tests use).
 */
export interface BlobWriter {
  /** Stores a checkpoint (encoder + decoder weights, ~1-4 MB). */
  write(runId: string, epoch: number, artifacts: CheckpointArtifacts): Promise<CheckpointSummary>;
  /** Sample grids (~50 KB each) take the same path: their Bytes cost the same base64 work. */
  writeGrids(grids: GridRecord[]): Promise<void>;
  close(): Promise<void>;
}

export function inProcessBlobWriter(repos: Repositories): BlobWriter {
  return {
    write: (runId, epoch, artifacts) => repos.checkpoints.add(runId, epoch, artifacts),
    writeGrids: (grids) => repos.grids.add(grids),
    close: async () => undefined,
  };
}

type Reply =
  { id: number; summary?: CheckpointSummary } | { id: number; error: string } | { ready: true } | { fatal: string };

/**
 * Writes checkpoints from a worker thread that opens its own repositories on `databaseUrl`.
 * Any failure of the thread (or of one write) falls back to `fallback` for that write, so a
 * checkpoint is never lost because of the optimisation.
 */
export function threadBlobWriter(
  databaseUrl: string,
  fallback: BlobWriter,
  log: (msg: string, err?: unknown) => void = componentLog("blob-writer"),
): BlobWriter {
  let broken = false;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (s: CheckpointSummary | undefined) => void; reject: (e: Error) => void }
  >();
  let worker: Worker | null = null;
  try {
    worker = startWorkerThread("server/sessions/blobWriter.worker", { databaseUrl });
  } catch (err) {
    log("blob writer: no worker thread, writing in-process", err);
    broken = true;
  }
  const failAll = (message: string) => {
    broken = true;
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  worker?.on("message", (msg: Reply) => {
    if ("fatal" in msg) {
      log(`blob writer: ${msg.fatal}; writing in-process from now on`);
      failAll(msg.fatal);
      return;
    }
    if (!("id" in msg)) return;
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if ("error" in msg) p?.reject(new Error(msg.error));
    else p?.resolve(msg.summary);
  });
  worker?.on("error", (err) => {
    log("blob writer thread failed; writing in-process from now on", err);
    failAll(err.message);
  });
  worker?.on("exit", () => failAll("blob writer thread exited"));

  const viaThread = (
    request: { checkpoint: { runId: string; epoch: number; artifacts: CheckpointArtifacts } } | { grids: GridRecord[] },
  ) =>
    new Promise<CheckpointSummary | undefined>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      // Weights and grids are copied, not transferred: the caller may still read them (the fallback path, the
      // cache). Adam's moments (twice the model) are moved: nothing else reads them after this write.
      const moments = "checkpoint" in request ? request.checkpoint.artifacts.optimizer?.moments : undefined;
      worker!.postMessage({ id, ...request }, moments && moments.byteLength > 0 ? [moments] : []);
    });

  return {
    async write(runId, epoch, artifacts) {
      if (broken || !worker) return fallback.write(runId, epoch, artifacts);
      try {
        const summary = await viaThread({ checkpoint: { runId, epoch, artifacts } });
        if (!summary) throw new Error("no summary from the writer thread");
        return summary;
      } catch (err) {
        log(`blob writer: thread write of epoch ${epoch} failed, retrying in-process`, err);
        // The moments went to the thread; without them the checkpoint still resumes (from a fresh Adam).
        const { optimizer, ...rest } = artifacts;
        return fallback.write(runId, epoch, optimizer && optimizer.moments.byteLength > 0 ? artifacts : rest);
      }
    },
    async writeGrids(grids) {
      if (broken || !worker) return fallback.writeGrids(grids);
      try {
        await viaThread({ grids });
      } catch (err) {
        log("blob writer: thread write of grids failed, retrying in-process", err);
        await fallback.writeGrids(grids);
      }
    },
    async close() {
      if (!worker) return;
      const w = worker;
      worker = null;
      broken = true;
      w.postMessage({ close: true });
      const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      await w.terminate();
    },
  };
}
