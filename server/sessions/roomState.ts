import type { z } from "zod";
import type { CheckpointView, GridMetaSchema, SessionSnapshot, StepPoint } from "../../lib/contracts/session";
import type { EpochMetrics, Progress, SampleGrid } from "../../lib/contracts/training";
import type { GridRecord, Repositories, RunRecord, SessionRecord } from "../repositories/types";
import type { RunRecorder } from "./runRecorder";
import { StepDownsampler } from "./stepDownsampler";
import { toCheckpointView, toSessionView } from "./views";

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

export function gridToWire(runId: string, epoch: number, g: SampleGrid | GridRecord): WireGrid {
  const wire: WireGrid = { runId, epoch, kind: g.kind, rows: g.rows, cols: g.cols, pixels: g.pixels };
  if (g.rowLabels) wire.rowLabels = g.rowLabels;
  return wire;
}

/** Builds a room's state from the database (null for an unknown session). */
export async function loadRoomState(
  repos: Repositories,
  recorder: RunRecorder,
  sessionId: string,
  maxStepPoints: number,
): Promise<RoomState | null> {
  const session = await repos.sessions.get(sessionId);
  if (!session) return null;
  const runs = await repos.runs.listBySession(sessionId);
  // Writes still queued from before an eviction must land before we read them back.
  await Promise.all(runs.map((r) => recorder.flush(r.id)));
  const state = new RoomState(session);
  const loaded = await Promise.all(
    runs.map(async (record) => {
      const [epochs, steps, grids, gridEpochs, checkpoints] = await Promise.all([
        repos.metrics.listEpochs(record.id),
        repos.metrics.listSteps(record.id),
        repos.grids.latest(record.id),
        repos.grids.epochs(record.id),
        repos.checkpoints.list(record.id),
      ]);
      return { record, epochs, steps, grids, gridEpochs, checkpoints };
    }),
  );
  for (const r of loaded.sort((a, b) => a.record.index - b.record.index)) {
    state.addRun({
      record: r.record,
      epochs: r.epochs,
      steps: r.steps,
      progress: null,
      checkpoints: r.checkpoints.map(toCheckpointView),
      latestGrids: r.grids.map((g) => gridToWire(r.record.id, g.epoch, g)),
      gridEpochs: r.gridEpochs,
      downsampler: new StepDownsampler(maxStepPoints, r.steps.at(-1)?.globalStep ?? -1),
    });
  }
  return state;
}
