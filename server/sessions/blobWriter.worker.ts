import { parentPort, workerData } from "node:worker_threads";
import type { CheckpointArtifacts } from "../../lib/contracts/training";
import type { GridRecord } from "../repositories/types";
import { openBlobStore, type BlobStore } from "../db/blobStore";
import { errorMessage } from "../../lib/errors";

/**
 * Thread side of `threadBlobWriter`: writes in arrival order with the database driver itself (server/db/blobStore.ts:
 * the bytes are bound as they are, not base64-encoded through Prisma's query compiler).
 */
type WriteRequest =
  | { id: number; checkpoint: { runId: string; epoch: number; artifacts: CheckpointArtifacts } }
  | { id: number; grids: GridRecord[] };

const port = parentPort!;
const { databaseUrl } = workerData as { databaseUrl: string };

async function open(): Promise<BlobStore | null> {
  try {
    return await openBlobStore(databaseUrl);
  } catch (err) {
    port.postMessage({ fatal: `cannot open the database: ${errorMessage(err)}` });
    return null;
  }
}

// Requests that arrive while the store opens wait in this chain.
let chain: Promise<unknown> = open();
const opened = chain as Promise<BlobStore | null>;
port.on("message", (msg: WriteRequest | { close: true }) => {
  if ("close" in msg) {
    chain = chain.then(async () => {
      await (await opened)?.close();
      process.exit(0);
    });
    return;
  }
  chain = chain.then(async () => {
    const store = await opened;
    if (!store) return; // the parent fell back to writing in-process when it heard "fatal"
    try {
      if ("checkpoint" in msg) {
        const { runId, epoch, artifacts } = msg.checkpoint;
        port.postMessage({ id: msg.id, summary: await store.writeCheckpoint(runId, epoch, artifacts) });
      } else {
        await store.writeGrids(msg.grids);
        port.postMessage({ id: msg.id });
      }
    } catch (err) {
      port.postMessage({ id: msg.id, error: errorMessage(err) });
    }
  });
});
void opened.then((store) => store && port.postMessage({ ready: true }));
