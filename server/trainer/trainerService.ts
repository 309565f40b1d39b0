import { randomUUID } from "node:crypto";
import { WaitingError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { WorkerEvent } from "../../lib/contracts/training";
import { errorMessage } from "../../lib/errors";
import type { CommandBus, CommandReply, RunCommand } from "../distributed/commandBus";
import { keys, type RedisFactory } from "../distributed/redis";
import { TRAINING_QUEUE, wantsJob, type TrainingJobData } from "../distributed/trainingQueue";
import type { Repositories, RunRecord, RunPatch } from "../repositories/types";
import type { StartJob, TrainingJob } from "../scheduler/types";
import { RunPublisher } from "../sessions/runPublisher";
import type { RunRecorder } from "../sessions/runRecorder";
import type { AppendFence, SessionLog } from "../sessions/sessionLog";
import { toRunView } from "../sessions/views";
import { routeWorkerEvent } from "../training/workerEvents";
import { componentLog, infoLog } from "../logging/logger";

export interface TrainerDeps {
  repos: Repositories;
  redis: RedisFactory;
  /** Appends only (a trainer reads no session). */
  log: SessionLog;
  recorder: RunRecorder;
  startJob: StartJob;
  bus: CommandBus;
  processId: string;
  /** Runs trained at once by this process (TRAINER_CONCURRENCY). */
  concurrency: number;
  /** BullMQ lock: a trainer that stops renewing it for this long loses its runs to another trainer (ms). */
  lockMs: number;
  dataDir?: string;
  float16?: boolean;
  progressIntervalMs?: number;
  workerProgressIntervalMs?: number;
  logError?: (msg: string, err?: unknown) => void;
  /** What the trainer does with runs (took, handed back), one line each; default: the process log. */
  logInfo?: (line: string) => void;
  /** Every run record the trainer writes (status changes are logged from it: server/logging/runLifecycle.ts). */
  onRunChanged?: (run: RunRecord) => void;
}

/** A run that trainers took this many times since its owner started it is failed instead of taken again. */
export const MAX_TAKES = 5;

type Ending = "done" | "stopped" | "failed" | "lost" | "handed-back";

interface HeldRun {
  run: RunRecord;
  fence: AppendFence & { token: string };
  job: TrainingJob | null;
  paused: boolean;
  stopRequested: boolean;
  /** Its session was deleted: no more writes. */
  abandoned: boolean;
  lastError: string | null;
  /** Ends the wait for the job early: ownership lost, or this trainer is shutting down. */
  interrupt: (why: "lost" | "handed-back") => void;
}

/**
 * A trainer process's work: takes runs from the BullMQ queue (up to `concurrency` at once), trains each with the
 * same worker-thread training path as the embedded server, publishes its events durably (database, then the
 * session's log, fenced by the run's ownership token) and answers owners' commands for the runs it holds.
 *
 * Ownership: taking a run writes a fresh token to the run's owner key; every entry the trainer appends and every
 * status it writes checks it. Another trainer taking the run over (after this one's lock expired) or an app server
 * stopping it while nobody answered replaces the token, and this trainer lets the run go at its next entry.
 */
export class TrainerService {
  private readonly held = new Map<string, HeldRun>();
  private readonly publisher: RunPublisher;
  private readonly ops: Redis;
  private worker: Worker<TrainingJobData> | null = null;
  private readonly logError: (msg: string, err?: unknown) => void;

  constructor(private readonly deps: TrainerDeps) {
    this.logError = deps.logError ?? componentLog("trainer");
    this.ops = deps.redis.connect(`trainer-ops:${deps.processId}`);
    this.publisher = new RunPublisher({
      repos: deps.repos,
      recorder: deps.recorder,
      log: deps.log,
      durable: true,
      progressIntervalMs: deps.progressIntervalMs,
      logError: this.logError,
    });
    this.publisher.onFenced = (run) => this.held.get(run.id)?.interrupt("lost");
  }

  private info(line: string): void {
    (this.deps.logInfo ?? infoLog("trainer"))(`trainer ${this.deps.processId}: ${line}`);
  }

  activeCount(): number {
    return this.held.size;
  }

  heldRuns(): string[] {
    return [...this.held.keys()];
  }

  start(): void {
    const worker = new Worker<TrainingJobData>(TRAINING_QUEUE, (job, token) => this.process(job, token), {
      connection: this.deps.redis.connect(`trainer-worker:${this.deps.processId}`),
      prefix: keys.bullPrefix,
      concurrency: this.deps.concurrency,
      lockDuration: this.deps.lockMs,
      stalledInterval: Math.max(1000, Math.floor(this.deps.lockMs / 2)),
      maxStalledCount: MAX_TAKES,
    });
    worker.on("lockRenewalFailed", (ids) => ids.forEach((id) => this.held.get(id)?.interrupt("lost")));
    worker.on("error", (err) => this.logError("trainer: queue error", err));
    this.worker = worker;
    this.deps.bus.serve((cmd) => this.command(cmd));
  }

  /**
   * Graceful stop: takes no new run, hands every held run back to the queue at once (another trainer resumes it
   * from its latest checkpoint), then closes.
   */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await worker.pause(true);
    for (const h of this.held.values()) h.interrupt("handed-back");
    const deadline = Date.now() + 10_000;
    while (this.held.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await worker.close();
    this.worker = null;
  }

  // ---------- one job ----------

  private async process(bullJob: Job<TrainingJobData>, token: string | undefined): Promise<Ending | "skipped"> {
    const { repos } = this.deps;
    const runId = bullJob.data.runId;
    const run = await repos.runs.get(runId);
    if (!run || !wantsJob(run)) return "skipped"; // stopped or deleted while it waited
    const takes = await this.ops.incr(keys.takes(runId));
    await this.ops.expire(keys.takes(runId), 7 * 24 * 3600);
    if (takes > MAX_TAKES) {
      const failed = await repos.runs.updateIfStatus(runId, ["queued", "training", "paused"], {
        status: "failed",
        error: `trainers lost this run ${takes - 1} times (crashes?); start it again to retry from its last checkpoint`,
        finishedAt: new Date(),
      });
      if (failed) {
        this.deps.onRunChanged?.(failed);
        await this.publisher.status(failed, undefined, await this.claim(runId));
      }
      return "failed";
    }
    const fence = await this.claim(runId);
    this.info(`took run ${runId} (${run.status}, take ${takes})`);
    let interrupt!: HeldRun["interrupt"];
    const interrupted = new Promise<"lost" | "handed-back">((resolve) => {
      interrupt = (why) => {
        // Lost: from now on nothing of the run may be written here (its new owner resumes from the database).
        if (why === "lost") this.publisher.abandon(runId);
        resolve(why);
      };
    });
    const held: HeldRun = {
      run,
      fence,
      job: null,
      paused: false,
      stopRequested: false,
      abandoned: false,
      lastError: null,
      interrupt,
    };
    this.held.set(runId, held);
    try {
      const ending = await this.train(held, interrupted);
      this.info(`run ${runId}: ${ending}`);
      if (ending === "handed-back" && token) {
        await bullJob.moveToWait(token);
        throw new WaitingError();
      }
      return ending;
    } finally {
      this.held.delete(runId);
    }
  }

  private async train(held: HeldRun, interrupted: Promise<"lost" | "handed-back">): Promise<Ending> {
    const { run } = held;
    await this.publisher.begin(run, held.fence);
    let outcome: Ending;
    try {
      outcome = await this.trainHeld(held, interrupted);
    } finally {
      // Pending progress and every write of the run land before its final status (or before another trainer resumes it).
      await this.publisher.end(run.id);
    }
    if (outcome === "lost" || outcome === "handed-back" || held.abandoned) return outcome;
    const status = held.stopRequested ? "stopped" : outcome;
    const final = await this.writeStatus(held, ["training", "paused", "stopped"], {
      status,
      error: status === "failed" ? (held.lastError ?? "training failed") : null,
      finishedAt: new Date(),
    });
    return final ? status : "lost";
  }

  /** Starts the job (paused if the run was) and waits for it to end or for the run to be taken from this trainer. */
  private async trainHeld(held: HeldRun, interrupted: Promise<"lost" | "handed-back">): Promise<Ending> {
    const { run } = held;
    const startPaused = run.status === "paused";
    const checkpoint = await this.deps.repos.checkpoints.latest(run.id);
    const started = await this.writeStatus(held, ["queued", "training", "paused"], {
      status: startPaused ? "paused" : "training",
      startedAt: run.startedAt ?? new Date(),
      error: null,
      finishedAt: null,
    });
    if (!started) return "lost";
    const job = this.deps.startJob(run.config, {
      onEvent: (e) => this.onWorkerEvent(held, e),
      resumeFrom: checkpoint?.artifacts,
      dataDir: this.deps.dataDir,
      progressIntervalMs: this.deps.workerProgressIntervalMs,
      float16: this.deps.float16,
      // Every finished run gets its line of the session's comparison table (computed in the worker).
      evaluation: { run: run.id },
    });
    held.job = job;
    if (startPaused) {
      held.paused = true;
      job.pause();
    }
    const finished = job.done.then(
      (r): Ending => (r.stopped ? "stopped" : "done"),
      (): Ending => "failed",
    );
    const outcome = await Promise.race([finished, interrupted]);
    if (outcome === "lost" || outcome === "handed-back") await job.terminate(); // the run stays "training" for whoever takes it next
    return outcome;
  }

  /** Writes the run's status while this trainer still owns it, and announces it. Null when it was lost or changed. */
  private async writeStatus(held: HeldRun, from: RunRecord["status"][], patch: RunPatch): Promise<RunRecord | null> {
    if ((await this.ops.get(keys.owner(held.run.id))) !== held.fence.token) {
      held.interrupt("lost");
      return null;
    }
    const updated = await this.deps.repos.runs.updateIfStatus(held.run.id, from, patch);
    if (!updated) return null;
    held.run = updated;
    this.deps.onRunChanged?.(updated);
    await this.publisher.status(updated, undefined, held.fence);
    return updated;
  }

  private async claim(runId: string): Promise<AppendFence & { token: string }> {
    const token = `trainer:${this.deps.processId}:${randomUUID()}`;
    await this.ops.set(keys.owner(runId), token, "EX", 7 * 24 * 3600);
    return { runId, token };
  }

  private onWorkerEvent(held: HeldRun, e: WorkerEvent): void {
    if (held.abandoned) return;
    routeWorkerEvent(e, {
      ready: (backend) =>
        void this.deps.repos.runs
          .update(held.run.id, { backend })
          .then((r) => {
            held.run = r;
            return this.publisher.status(r, undefined, held.fence);
          })
          .catch((err: unknown) => this.logError(`run ${held.run.id}: backend update failed`, err)),
      error: (message) => (held.lastError = message),
      data: (event) => this.publisher.workerEvent(held.run.id, event),
    });
  }

  // ---------- owners' commands ----------

  private async command(cmd: RunCommand): Promise<CommandReply["result"] | null> {
    const held = this.held.get(cmd.runId);
    if (!held?.job) return null; // not ours (or not started yet: the owner's retry finds it)
    const view = (r: RunRecord | null) => ({ run: r ? toRunView(r, undefined) : null });
    try {
      switch (cmd.action) {
        case "pause":
          if (held.stopRequested) return { error: "only a training run can be paused" };
          if (held.paused) return view(held.run);
          held.paused = true;
          held.job.pause();
          return view(await this.writeStatus(held, ["training"], { status: "paused" }));
        case "resume":
          if (held.stopRequested) return { error: "only a paused run can be resumed" };
          if (!held.paused) return view(held.run);
          held.paused = false;
          held.job.resume();
          return view(await this.writeStatus(held, ["paused"], { status: "training" }));
        case "stop":
          if (held.stopRequested) return view(held.run);
          held.stopRequested = true;
          held.job.stop(); // the slot frees when the worker has finished its current step
          return view(await this.writeStatus(held, ["training", "paused"], { status: "stopped" }));
        case "delete":
          held.abandoned = true;
          await held.job.terminate();
          this.publisher.forgetSession(held.run.sessionId);
          return view(null);
        default: {
          const never: never = cmd.action;
          return { error: `unknown command ${String(never)}` };
        }
      }
    } catch (err) {
      this.logError(`run ${cmd.runId}: ${cmd.action} failed`, err);
      return { error: errorMessage(err) };
    }
  }
}
