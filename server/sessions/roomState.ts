import type { z } from "zod";
import type { CheckpointView, GridMetaSchema, SessionSnapshot, StepPoint } from "../../lib/contracts/session";
import type { EpochMetrics, Progress } from "../../lib/contracts/training";
import type { RunRecord, SessionRecord } from "../repositories/types";
import { StepDownsampler } from "./stepDownsampler";
import { toSessionView } from "./views";

export type WireGrid = z.infer<typeof GridMetaSchema> & { pixels: Uint8Array };

/** Live state of one run inside a room. */
export interface RunLiveState {
  record: RunRecord;
  epochs: EpochMetrics[];
  steps: StepPoint[];
  progress: Progress | null;
  checkpoints: CheckpointView[];
  /** Grids of the latest epoch that has any. */
  latestGrids: WireGrid[];
  gridEpochs: number[];
  downsampler: StepDownsampler;
  /** Queue position last announced in a run:status delta (to announce changes only). */
  announcedPosition: number | undefined;
}

/**
 * Everything a snapshot needs for one session, kept in memory while the session has viewers or an
 * active run so joins never hit the database. `seq` counts the deltas applied so far: a snapshot
 * taken now includes exactly the deltas with seq <= this value.
 */
export class RoomState {
  seq = 0;
  viewers = 0;
  /** Runs of this session that are training/paused in this process (keeps the room in memory). */
  readonly pinned = new Set<string>();
  readonly runs = new Map<string, RunLiveState>();

  constructor(public session: SessionRecord) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  addRun(state: Omit<RunLiveState, "announcedPosition">): void {
    this.runs.set(state.record.id, { ...state, announcedPosition: undefined });
  }

  snapshot(isOwner: boolean, queuePosition: (runId: string) => number | undefined): SessionSnapshot {
    const runs = [...this.runs.values()];
    const snap: SessionSnapshot = {
      session: toSessionView(
        this.session,
        runs.map((r) => r.record),
        queuePosition,
      ),
      runs: {},
      grids: [],
      gridEpochs: {},
      viewers: this.viewers,
      isOwner,
      seq: this.seq,
    };
    for (const r of runs) {
      // Copies: the arrays keep growing after the snapshot is handed to socket.io for encoding.
      snap.runs[r.record.id] = {
        epochs: [...r.epochs],
        steps: [...r.steps],
        progress: r.progress,
        checkpoints: [...r.checkpoints],
      };
      snap.grids.push(...r.latestGrids);
      snap.gridEpochs[r.record.id] = [...r.gridEpochs];
    }
    return snap;
  }
}
