import { parentPort, workerData } from "node:worker_threads";
import type { CheckpointArtifacts } from "../../lib/contracts/training";
import { createRepositories } from "../db/client";

/** Thread side of `threadCheckpointWriter`: one repositories instance, writes in arrival order. */
interface WriteRequest {
  id: number;
  runId: string;
  epoch: number;
  artifacts: CheckpointArtifacts;
}

const port = parentPort!;
const { databaseUrl } = workerData as { databaseUrl: string };

void (async () => {
  let repos: Awaited<ReturnType<typeof createRepositories>>;
  try {
    repos = await createRepositories(databaseUrl);
  } catch (err) {
    port.postMessage({ fatal: `cannot open the database: ${err instanceof Error ? err.message : String(err)}` });
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
        const summary = await repos.checkpoints.add(msg.runId, msg.epoch, msg.artifacts);
        port.postMessage({ id: msg.id, summary });
      } catch (err) {
        port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
      }
    });
  });
  port.postMessage({ ready: true });
})();
