import { randomUUID } from "node:crypto";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Repositories, RunRecord } from "../repositories/types";
import { restartBlocker } from "../scheduler/restartable";
import type { RunQueue } from "../scheduler/types";
import { AppError } from "../errors";
import type { AppendFence, SessionLog } from "../sessions/sessionLog";
import { toRunView } from "../sessions/views";
import type { CommandBus } from "./commandBus";
import { keys } from "./redis";
import { addRunJob, waitingOrder, type TrainingJobData } from "./trainingQueue";

export interface DistributedRunQueueDeps {
  repos: Repositories;
  queue: Queue<TrainingJobData>;
  /** A plain (non-blocking) connection for ownership keys. */
  redis: Redis;
  bus: CommandBus;
  log: SessionLog;
  processId: string;
  /** Runs this process trains itself (EMBEDDED_TRAINER=1). */
  localActive?: () => number;
  /** How long a stop→start waits for the trainer to let go of the run. */
  stoppingWaitMs?: number;
}

const HELD = ["training", "paused"] as const;

/**
 * The app server's side of the distributed queue: runs go into BullMQ, owners' commands go to the trainer that
 * holds the run (command bus), and when nobody holds a run the app server writes the change itself — guarded by a
 * compare-and-set on the run's status and by taking the run's ownership token, which fences a trainer that lost
 * the run out of the session log.
 */
export class DistributedRunQueue implements RunQueue {
  private positions = new Map<string, number>();

  constructor(private readonly deps: DistributedRunQueueDeps) {}

  queuePosition(runId: string): number | undefined {
    return this.positions.get(runId);
  }

  async refreshPositions(): Promise<void> {
    const order = await waitingOrder(this.deps.queue);
    this.positions = new Map(order.map((id, i) => [id, i + 1]));
  }

  activeCount(): number {
    return this.deps.localActive?.() ?? 0;
  }

  async start(runId: string): Promise<RunRecord> {
    const run = await this.mustGet(runId);
    if (run.status === "training" || run.status === "paused" || (run.status === "queued" && run.queuedAt)) return run;
    if (run.status !== "queued") {
      const blocker = restartBlocker(run, (await this.deps.repos.checkpoints.list(runId)).at(-1)?.epoch);
      if (blocker) throw new AppError("conflict", blocker);
    }
    // Stopped a moment ago: its trainer lets go after the current step.
    if (!(await this.jobGone(runId, this.deps.stoppingWaitMs ?? 3000))) {
      throw new AppError("conflict", "the run is still stopping; start it again in a moment");
    }
    await this.deps.redis.del(keys.owner(runId), keys.takes(runId));
    const queued = await this.deps.repos.runs.updateIfStatus(runId, [run.status], {
      status: "queued",
      queuedAt: new Date(),
      error: null,
      finishedAt: null,
    });
    if (!queued) throw new AppError("conflict", "the run changed meanwhile; try again");
    await addRunJob(this.deps.queue, this.deps.repos, queued);
    await this.announce(queued, { runId, unowned: true });
    return queued;
  }

  async pause(runId: string): Promise<RunRecord> {
    return this.viaHolder(runId, "pause", "only a training run can be paused");
  }

  async resume(runId: string): Promise<RunRecord> {
    return this.viaHolder(runId, "resume", "only a paused run can be resumed");
  }

  async stop(runId: string): Promise<RunRecord> {
    // A waiting run: take its job out of the queue (BullMQ refuses when a trainer has it locked).
    if ((await this.deps.queue.remove(runId)) === 1) {
      const stopped = await this.deps.repos.runs.updateIfStatus(runId, ["queued"], {
        status: "stopped",
        finishedAt: new Date(),
      });
      if (stopped) {
        await this.announce(stopped, { runId, unowned: true });
        return stopped;
      }
    }
    const reply = await this.deps.bus.send(runId, "stop");
    if (reply && "error" in reply) throw new AppError("conflict", reply.error);
    if (reply) return this.mustGet(runId);
    // Nobody holds it (its trainer died and the run waits to be taken over): stop it here, fence the old holder out.
    const run = await this.mustGet(runId);
    const stopped = await this.deps.repos.runs.updateIfStatus(runId, ["queued", ...HELD], {
      status: "stopped",
      finishedAt: new Date(),
    });
    if (!stopped) throw new AppError("conflict", `cannot stop a run that is ${run.status}`);
    await this.deps.queue.remove(runId).catch(() => 0);
    await this.announce(stopped, await this.takeOwnership(runId));
    return stopped;
  }

  async abandonRuns(runIds: string[]): Promise<void> {
    await Promise.all(
      runIds.map(async (runId) => {
        await this.deps.queue.remove(runId).catch(() => 0);
        await this.deps.bus.send(runId, "delete", 500);
        await this.deps.redis.del(keys.owner(runId), keys.takes(runId));
      }),
    );
  }

  async recover(): Promise<void> {
    await this.refreshPositions(); // the cluster leader re-queues what Redis lost (clusterLeader.ts)
  }

  async shutdown(): Promise<void> {}

  private async viaHolder(runId: string, action: "pause" | "resume", refusal: string): Promise<RunRecord> {
    const reply = await this.deps.bus.send(runId, action);
    if (reply && "error" in reply) throw new AppError("conflict", reply.error);
    if (reply) return this.mustGet(runId);
    const run = await this.mustGet(runId);
    if (run.status === "training" || run.status === "paused") {
      throw new AppError(
        "conflict",
        "no trainer holds this run right now (it is being handed to another trainer); try again in a few seconds",
      );
    }
    throw new AppError("conflict", refusal);
  }

  private async takeOwnership(runId: string): Promise<AppendFence> {
    const token = `app:${this.deps.processId}:${randomUUID()}`;
    await this.deps.redis.set(keys.owner(runId), token, "EX", 7 * 24 * 3600);
    return { runId, token };
  }

  private async announce(run: RunRecord, fence: AppendFence): Promise<void> {
    await this.refreshPositions();
    await this.deps.log.append(
      run.sessionId,
      { event: "run:status", payload: { run: toRunView(run, this.queuePosition(run.id)) } },
      fence,
    );
  }

  private async jobGone(runId: string, waitMs: number): Promise<boolean> {
    const until = Date.now() + waitMs;
    for (;;) {
      if (!(await this.deps.queue.getJob(runId))) return true;
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async mustGet(runId: string): Promise<RunRecord> {
    const run = await this.deps.repos.runs.get(runId);
    if (!run) throw new AppError("not_found", "run not found");
    return run;
  }
}
