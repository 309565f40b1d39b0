import { z } from "zod";
import { CheckpointArtifactsSchema, type CheckpointArtifacts, type WorkerEvent } from "../../lib/contracts/training";
import { TrainConfigSchema } from "../../lib/model/config";

/** What trainingWorker.ts hands the worker thread (workerData), and what the thread sends back last. */

export const WorkerInputSchema = z.object({
  /** Absolute path of the module the bootstrap loads (worker.ts, or a compiled worker.js). */
  entry: z.string(),
  config: TrainConfigSchema,
  resumeFrom: CheckpointArtifactsSchema.optional(),
  dataDir: z.string().optional(),
  progressIntervalMs: z.number().int().min(0).optional(),
  float16: z.boolean().optional(),
  /** Threads computing gradients (see TrainOptions.gradientWorkers). */
  gradientWorkers: z.number().int().min(1).max(8).optional(),
  /** Evaluate the run when its last epoch is done (runEndEvaluation.ts); `run` names it in the comparison row. */
  evaluation: z.object({ run: z.string().min(1).max(64) }).optional(),
});
export type WorkerInput = z.infer<typeof WorkerInputSchema>;

/** The thread's last message (not forwarded to onEvent): how `done` settles. */
export type WorkerResult =
  { type: "result"; lastEpoch: number; stopped: boolean; error?: undefined } | { type: "result"; error: string };

/** ArrayBuffers inside an event that can be moved instead of copied (each at most once). */
export function transferablesOf(event: WorkerEvent | WorkerResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (b: ArrayBufferLike): void => {
    if (b instanceof ArrayBuffer && b.byteLength > 0) buffers.add(b);
  };
  // Only move a buffer a view owns entirely; a view into a larger shared buffer is copied instead.
  const addOwned = (v: ArrayBufferView): void => {
    if (v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) add(v.buffer);
  };
  if (event.type === "samples") {
    for (const g of event.grids) addOwned(g.pixels);
  } else if (event.type === "latent") {
    addOwned(event.points);
    addOwned(event.labels);
  } else if (event.type === "checkpoint") {
    const a: CheckpointArtifacts = event.artifacts;
    add(a.encoder.weightData);
    add(a.decoder.weightData);
    if (a.optimizer) add(a.optimizer.moments);
  }
  return [...buffers];
}
