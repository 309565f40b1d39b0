import type { RunEvaluationView } from "../../lib/contracts/comparison";
import type { LatentScatterData } from "../../lib/contracts/latent";
import { SNAPSHOT_LATENT_EPOCHS, type CheckpointView, type RunView, type StepPoint } from "../../lib/contracts/session";
import type { SessionSnapshot, WireGrid, WireLatent } from "../../lib/contracts/socket";
import type { EpochMetrics, Progress, SampleGrid } from "../../lib/contracts/training";
import type { GridRecord, Repositories, RunEvaluationRecord, SessionRecord } from "../repositories/types";
import type { RunRecorder } from "./runRecorder";
import type { LogEntry } from "./sessionLog";
import { toCheckpointView, toRunView } from "./views";

/** Live state of one run inside a room. */
export interface RunLiveState {
  /** As last announced (status, queue position, backend, error). */
  view: RunView;
  epochs: EpochMetrics[];
  /** The run's kept step points, ascending by globalStep. */
  steps: StepPoint[];
  progress: Progress | null;
  checkpoints: CheckpointView[];
  /** Grids of the latest epoch that has any. */
  latestGrids: WireGrid[];
  gridEpochs: number[];
  /** Latent scatters of the newest SNAPSHOT_LATENT_EPOCHS epochs, ascending (older ones stay in the database). */
  latent: WireLatent[];
  /** Every epoch that has a latent scatter, ascending. */
  latentEpochs: number[];
  evaluation: RunEvaluationView | null;
}

/** A run's live state before anything arrived. */
export function emptyRunState(view: RunView): RunLiveState {
  return {
    view,
    epochs: [],
    steps: [],
    progress: null,
    checkpoints: [],
    latestGrids: [],
    gridEpochs: [],
    latent: [],
    latentEpochs: [],
    evaluation: null,
  };
}

/**
 * Everything a snapshot needs for one session, kept in memory while the session has viewers or an
 * active run so joins never hit the database. `seq` is the last session-log entry applied: a snapshot
 * taken now includes exactly the entries with seq <= this value.
 *
 * `apply` is idempotent for every entry kind (epochs, grids and latent scatters are keyed by epoch, checkpoints by
 * id, steps by globalStep, statuses and evaluations replace): a room loaded from the database may already hold what the log's next
 * entries announce, because producers persist before they append.
 */
export class RoomState {
  seq = 0;
  viewers = 0;
  /** Runs of this session that are training/paused in this process (keeps the room in memory). */
  readonly pinned = new Set<string>();
  readonly runs = new Map<string, RunLiveState>();

  constructor(public session: SessionRecord) {}

  addRun(state: RunLiveState): void {
    this.runs.set(state.view.id, state);
  }

  /** Applies one log entry (seq order). Returns false when it was older than the state (already applied). */
  apply(entry: LogEntry): boolean {
    if (entry.seq <= this.seq) return false;
    this.seq = entry.seq;
    switch (entry.event) {
      case "run:progress": {
        const { runId, sentAt: _sent, ...progress } = entry.payload;
        const live = this.runs.get(runId);
        if (!live) return true;
        live.progress = progress;
        if (entry.step) addStep(live, entry.step);
        return true;
      }
      case "run:epoch": {
        const { runId, ...metrics } = entry.payload;
        const live = this.runs.get(runId);
        if (!live) return true;
        if (entry.step) addStep(live, entry.step);
        live.epochs = [...live.epochs.filter((e) => e.epoch !== metrics.epoch), metrics].sort(
          (a, b) => a.epoch - b.epoch,
        );
        return true;
      }
      case "run:samples": {
        for (const g of entry.payload.grids) {
          const live = this.runs.get(g.runId);
          if (!live) continue;
          if (!live.gridEpochs.includes(g.epoch)) live.gridEpochs = [...live.gridEpochs, g.epoch].sort((a, b) => a - b);
          const newest = live.latestGrids[0]?.epoch ?? -1;
          if (g.epoch > newest) live.latestGrids = [g];
          else if (g.epoch === newest) live.latestGrids = [...live.latestGrids.filter((x) => x.kind !== g.kind), g];
        }
        return true;
      }
      case "run:checkpoint": {
        const live = this.runs.get(entry.payload.runId);
        if (live && !live.checkpoints.some((c) => c.id === entry.payload.id)) live.checkpoints.push(entry.payload);
        return true;
      }
      case "run:latent": {
        const live = this.runs.get(entry.payload.runId);
        if (live) addLatent(live, entry.payload);
        return true;
      }
      case "run:evaluation": {
        const live = this.runs.get(entry.payload.runId);
        if (live) live.evaluation = entry.payload;
        return true;
      }
      case "run:status": {
        const { run } = entry.payload;
        const live = this.runs.get(run.id);
        if (live) live.view = run;
        else this.addRun(emptyRunState(run));
        return true;
      }
      case "gallery:created":
      case "gallery:deleted":
        return true; // the gallery is not part of the snapshot (pages fetch it over HTTP)
      default: {
        const never: never = entry;
        throw new Error(`unknown log entry ${JSON.stringify(never)}`);
      }
    }
  }

  snapshot(isOwner: boolean, viewers = this.viewers): SessionSnapshot {
    const runs = [...this.runs.values()].sort((a, b) => a.view.index - b.view.index);
    const snap: SessionSnapshot = {
      session: {
        id: this.session.id,
        title: this.session.title,
        dataset: this.session.dataset,
        createdAt: this.session.createdAt.toISOString(),
        runs: runs.map((r) => r.view),
      },
      runs: {},
      grids: [],
      gridEpochs: {},
      latent: [],
      latentEpochs: {},
      viewers,
      isOwner,
      seq: this.seq,
    };
    for (const r of runs) {
      // Copies: the arrays keep growing after the snapshot is handed to socket.io for encoding.
      snap.runs[r.view.id] = {
        epochs: [...r.epochs],
        steps: [...r.steps],
        progress: r.progress,
        checkpoints: [...r.checkpoints],
        evaluation: r.evaluation,
      };
      snap.grids.push(...r.latestGrids);
      snap.gridEpochs[r.view.id] = [...r.gridEpochs];
      snap.latent.push(...r.latent);
      snap.latentEpochs[r.view.id] = [...r.latentEpochs];
    }
    return snap;
  }
}

function addStep(live: RunLiveState, step: StepPoint): void {
  const last = live.steps.at(-1);
  if (!last || step.globalStep > last.globalStep) live.steps.push(step);
}

/** Keeps an epoch's scatter (replacing one of the same epoch) and at most the newest SNAPSHOT_LATENT_EPOCHS. */
function addLatent(live: RunLiveState, l: WireLatent): void {
  if (!live.latentEpochs.includes(l.epoch)) live.latentEpochs = [...live.latentEpochs, l.epoch].sort((a, b) => a - b);
  const kept = [...live.latent.filter((x) => x.epoch !== l.epoch), l].sort((a, b) => a.epoch - b.epoch);
  live.latent = kept.slice(-SNAPSHOT_LATENT_EPOCHS);
}

export function latentToWire(runId: string, l: LatentScatterData): WireLatent {
  return {
    runId,
    epoch: l.epoch,
    count: l.labels.length,
    projection: l.projection,
    points: l.points,
    labels: l.labels,
  };
}

export function evaluationToView(e: RunEvaluationRecord): RunEvaluationView {
  return {
    runId: e.runId,
    epoch: e.epoch,
    row: e.row,
    seconds: e.seconds,
    notes: e.notes,
    createdAt: e.createdAt.toISOString(),
  };
}

export function gridToWire(runId: string, epoch: number, g: SampleGrid | GridRecord): WireGrid {
  const wire: WireGrid = { runId, epoch, kind: g.kind, rows: g.rows, cols: g.cols, pixels: g.pixels };
  if (g.rowLabels) wire.rowLabels = g.rowLabels;
  return wire;
}

/**
 * Builds a room's state from the database (null for an unknown session). `queuePosition` gives waiting runs their
 * place in the queue; `recorder`: this process's pending writes of the session's runs land first.
 */
export async function loadRoomState(
  repos: Repositories,
  sessionId: string,
  queuePosition: (runId: string) => number | undefined,
  recorder?: Pick<RunRecorder, "flush">,
): Promise<RoomState | null> {
  const session = await repos.sessions.get(sessionId);
  if (!session) return null;
  const runs = await repos.runs.listBySession(sessionId);
  // Writes still queued from before an eviction must land before we read them back.
  if (recorder) await Promise.all(runs.map((r) => recorder.flush(r.id)));
  const state = new RoomState(session);
  const loaded = await Promise.all(
    runs.map(async (record) => {
      const [epochs, steps, grids, gridEpochs, checkpoints, latent, latentEpochs, evaluation] = await Promise.all([
        repos.metrics.listEpochs(record.id),
        repos.metrics.listSteps(record.id),
        repos.grids.latest(record.id),
        repos.grids.epochs(record.id),
        repos.checkpoints.list(record.id),
        repos.latent.recent(record.id, SNAPSHOT_LATENT_EPOCHS),
        repos.latent.epochs(record.id),
        repos.evaluations.get(record.id),
      ]);
      return { record, epochs, steps, grids, gridEpochs, checkpoints, latent, latentEpochs, evaluation };
    }),
  );
  for (const r of loaded.sort((a, b) => a.record.index - b.record.index)) {
    state.addRun({
      view: toRunView(r.record, queuePosition(r.record.id)),
      epochs: r.epochs,
      steps: r.steps,
      progress: null,
      checkpoints: r.checkpoints.map(toCheckpointView),
      latestGrids: r.grids.map((g) => gridToWire(r.record.id, g.epoch, g)),
      gridEpochs: r.gridEpochs,
      latent: r.latent.map((l) => latentToWire(r.record.id, l)),
      latentEpochs: r.latentEpochs,
      evaluation: r.evaluation ? evaluationToView(r.evaluation) : null,
    });
  }
  return state;
}
