import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Repositories, RunRecord } from "../repositories/types";
import { keys } from "./redis";

/**
 * The BullMQ queue of training runs, shared by app servers (who add runs) and trainers (who take them).
 * One job per run, with the run's id as job id: adding a run twice is a no-op while its job exists, which is what
 * makes re-queueing from the database (after a Redis restart) safe. Finished jobs are removed at once — the
 * database keeps the run's outcome — so a run can be queued again under the same id.
 */
export const TRAINING_QUEUE = "training";

export interface TrainingJobData {
  runId: string;
  sessionId: string;
}

export function trainingQueue(connection: Redis): Queue<TrainingJobData> {
  return new Queue<TrainingJobData>(TRAINING_QUEUE, { connection, prefix: keys.bullPrefix });
}

/** Statuses whose run should have a job: waiting in the queue, or held by a trainer. */
export function wantsJob(run: RunRecord): boolean {
  return run.status === "training" || run.status === "paused" || (run.status === "queued" && run.queuedAt !== null);
}

/**
 * Fair order across clients: a run's BullMQ priority is 1 + the number of the same client's runs already waiting or
 * training, so one client's tenth run waits behind every other client's first (BullMQ takes lower priorities
 * first, first-in-first-out within one).
 */
export async function fairPriority(repos: Repositories, run: RunRecord): Promise<number> {
  if (!run.clientHash) return 1;
  const live = await repos.runs.listByStatus(["queued", "training", "paused"]);
  return 1 + live.filter((r) => r.id !== run.id && r.clientHash === run.clientHash && wantsJob(r)).length;
}

export async function addRunJob(queue: Queue<TrainingJobData>, repos: Repositories, run: RunRecord): Promise<void> {
  await queue.add(
    "run",
    { runId: run.id, sessionId: run.sessionId },
    {
      jobId: run.id,
      priority: await fairPriority(repos, run),
      removeOnComplete: true,
      removeOnFail: true,
      attempts: 1,
    },
  );
}

/** Run ids in the order trainers will take them (BullMQ takes its plain wait list before prioritized jobs). */
export async function waitingOrder(queue: Queue<TrainingJobData>): Promise<string[]> {
  return queue.getRanges(["wait", "prioritized"], 0, -1, true);
}
