import type { WorkerEvent } from "../../lib/contracts/training";
import type { TrainConfig } from "../../lib/model/config";
import type { RunRecord } from "../repositories/types";
import type { StartTrainingJobOptions, TrainingJob } from "../training/trainingWorker";

/**
 * Who decides which runs train when, and carries owners' commands to them. The embedded `Scheduler` keeps the
 * queue in memory and trains in this process; the distributed `DistributedRunQueue` (server/distributed/) keeps it
 * in BullMQ and reaches the trainer processes through Redis. Session use cases and HTTP handlers know only this.
 */
export interface RunQueue {
  /**
   * Puts a run in the queue: runs created with autostart, runs created "queued" by an owner who starts them later,
   * and interrupted/stopped/failed runs that have a checkpoint to continue from.
   */
  start(runId: string): Promise<RunRecord>;
  pause(runId: string): Promise<RunRecord>;
  resume(runId: string): Promise<RunRecord>;
  stop(runId: string): Promise<RunRecord>;
  /** Ends the runs of a session being deleted (no status writes: the rows are about to go). */
  abandonRuns(runIds: string[]): Promise<void>;
  /** 1-based position of a waiting run across everything that trains, undefined when it is not waiting. */
  queuePosition(runId: string): number | undefined;
  /** Refreshes what queuePosition answers (distributed: reads the shared queue); a no-op in memory. */
  refreshPositions(): Promise<void>;
  /** Runs training or paused in this process. */
  activeCount(): number;
  /** Start-up: pick up what a previous process left (call once before serving). */
  recover(): Promise<unknown>;
  /** Leave running runs resumable and stop. */
  shutdown(): Promise<void>;
}

/** How the scheduler starts a training job; the real one is `startTrainingJob`, unit tests pass fakes. */
export type StartJob = (config: TrainConfig, opts: StartTrainingJobOptions) => TrainingJob;
export type { TrainingJob };

/**
 * Where the scheduler reports what happens to runs (implemented by the live rooms: persistence,
 * room state, broadcasts). The scheduler never talks to sockets or the room cache directly.
 */
export interface RunEventSink {
  /** Before a job starts: the room's live state must be in memory so events apply in order. */
  beforeStart(run: RunRecord): Promise<void>;
  /** A data event of a running job (progress, epoch, samples, checkpoint). */
  workerEvent(run: RunRecord, event: WorkerEvent): void;
  /** The run's record changed (status, backend, error). */
  runChanged(run: RunRecord): void;
  /** Queue positions changed (a run left or joined the queue). */
  queueChanged(): void;
  /** After a job ended (before its final status is written): flush its pending writes. */
  afterEnd(run: RunRecord): Promise<void>;
}
