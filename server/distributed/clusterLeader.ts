import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Repositories } from "../repositories/types";
import type { SessionLog } from "../sessions/sessionLog";
import { toRunView } from "../sessions/views";
import { keys } from "./redis";
import { addRunJob, waitingOrder, wantsJob, type TrainingJobData } from "./trainingQueue";
import { componentLog } from "../logging/logger";

export interface ClusterLeaderDeps {
  repos: Repositories;
  queue: Queue<TrainingJobData>;
  redis: Redis;
  log: SessionLog;
  processId: string;
  /** How often queue positions are compared with what viewers were told (ms). */
  positionsEveryMs?: number;
  /** How often the queue is checked against the database (ms). */
  reconcileEveryMs?: number;
  logError?: (msg: string, err?: unknown) => void;
}

/** Takes the lease when it is free or ours; true while we hold it. */
const LEASE_LUA = `
if redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2], "NX") then return 1 end
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("PEXPIRE", KEYS[1], ARGV[2]) return 1 end
return 0
`;

/**
 * Cluster-wide chores that must happen once, not once per process: whichever process (app server or trainer)
 * holds a short Redis lease does them.
 * - Queue positions: when runs start or join the queue, every waiting run behind them moves; the leader announces
 *   each changed position as a `run:status` entry of the run's session (fenced "unowned": never after a trainer
 *   took the run).
 * - Reconciling: every run the database says is waiting or training must have a BullMQ job. After Redis lost its
 *   data (or a job vanished with a dead trainer), the leader re-adds it; a trainer then resumes the run from its
 *   latest checkpoint. The database is the source of truth, the queue can always be rebuilt from it.
 */
export class ClusterLeader {
  private readonly announced = new Map<string, number>();
  private timers: NodeJS.Timeout[] = [];
  private leading = false;
  private busy = false;
  private readonly logError: (msg: string, err?: unknown) => void;

  constructor(private readonly deps: ClusterLeaderDeps) {
    this.logError = deps.logError ?? componentLog("cluster-leader");
  }

  isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    const every = (ms: number, fn: () => Promise<void>) => {
      const t = setInterval(
        () => void fn().catch((err: unknown) => this.logError("cluster leader: chore failed", err)),
        ms,
      );
      t.unref();
      this.timers.push(t);
    };
    every(this.deps.positionsEveryMs ?? 250, () => this.positionsTick());
    every(this.deps.reconcileEveryMs ?? 5000, () => this.reconcileTick());
    // A Redis that comes back may have lost the queue: reconcile at once instead of at the next tick.
    this.deps.redis.on("ready", () => void this.reconcileTick().catch(() => {}));
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.leading)
      void this.deps.redis
        .eval(
          'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0',
          1,
          keys.leader,
          this.deps.processId,
        )
        .catch(() => {});
    this.leading = false;
  }

  private async holdLease(): Promise<boolean> {
    const held = (await this.deps.redis.eval(LEASE_LUA, 1, keys.leader, this.deps.processId, 3000)) === 1;
    if (!held) this.announced.clear(); // a new leader announces everything once
    this.leading = held;
    return held;
  }

  /** Announces waiting runs whose queue position changed since the last announcement. */
  async positionsTick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (!(await this.holdLease())) return;
      const order = await waitingOrder(this.deps.queue);
      const waiting = new Set(order);
      for (const id of [...this.announced.keys()]) if (!waiting.has(id)) this.announced.delete(id);
      for (const [i, runId] of order.entries()) {
        const position = i + 1;
        if (this.announced.get(runId) === position) continue;
        const run = await this.deps.repos.runs.get(runId);
        if (!run || run.status !== "queued") continue;
        const seq = await this.deps.log.append(
          run.sessionId,
          { event: "run:status", payload: { run: toRunView(run, position) } },
          { runId, unowned: true },
        );
        if (seq !== null) this.announced.set(runId, position);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Re-adds the job of every run the database says should have one. */
  async reconcileTick(): Promise<void> {
    if (!(await this.holdLease())) return;
    for (const run of await this.deps.repos.runs.listByStatus(["queued", "training", "paused"])) {
      if (!wantsJob(run) || (await this.deps.queue.getJob(run.id))) continue;
      await addRunJob(this.deps.queue, this.deps.repos, run);
      this.logError(`cluster leader: run ${run.id} (${run.status}) had no job in the queue; queued it again`);
    }
  }
}
