import type { WorkerEvent } from "../../lib/contracts/training";
import type { TrainConfig } from "../../lib/model/config";
import type { RunRecord } from "../repositories/types";
import type { StartTrainingJobOptions, TrainingJob } from "../training/trainingWorker";

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
