import { parentPort, workerData } from "node:worker_threads";
import type { CheckpointArtifacts } from "../../lib/contracts/training";
import type { GridRecord } from "../repositories/types";
import { createRepositories } from "../db/client";
import { errorMessage } from "../../lib/errors";

/** Thread side of `threadBlobWriter`: one repositories instance, writes in arrival order. */
type WriteRequest =
  | { id: number; checkpoint: { runId: string; epoch: number; artifacts: CheckpointArtifacts } }
  | { id: number; grids: GridRecord[] };

const port = parentPort!;
const { databaseUrl } = workerData as { databaseUrl: string };

void (async () => {
  let repos: Awaited<ReturnType<typeof createRepositories>>;
  try {
    repos = await createRepositories(databaseUrl);
  } catch (err) {
    port.postMessage({ fatal: `cannot open the database: ${errorMessage(err)}` });
    return;
  }
  let chain: Promise<void> = Promise.resolve();
  port.on("message", (msg: WriteRequest | { close: true }) => {
    if ("close" in msg) {
      chain = chain.then(async () => {
        await repos.close();
        process.exit(0);
      });
      return;
    }
    chain = chain.then(async () => {
      try {
        if ("checkpoint" in msg) {
          const { runId, epoch, artifacts } = msg.checkpoint;
          port.postMessage({ id: msg.id, summary: await repos.checkpoints.add(runId, epoch, artifacts) });
        } else {
          await repos.grids.add(msg.grids);
          port.postMessage({ id: msg.id });
        }
      } catch (err) {
        port.postMessage({ id: msg.id, error: errorMessage(err) });
      }
    });
  });
  port.postMessage({ ready: true });
})();
