import type { RunEvaluationView } from "../../lib/contracts/comparison";
import type { GalleryItemView } from "../../lib/contracts/gallery";
import {
  SNAPSHOT_LATENT_EPOCHS,
  type CheckpointView,
  type RunView,
  type SessionView,
  type StepPoint,
} from "../../lib/contracts/session";
import type { SessionSnapshot, WireGrid, WireLatent } from "../../lib/contracts/socket";
import type { EpochMetrics, GridKind, Progress } from "../../lib/contracts/training";
import { emptyGalleryLive, galleryCreated, galleryDeleted, type GalleryLive } from "./galleryState";

/**
 * Live state of one session page, as a pure reducer: a snapshot on (re)join, then deltas.
 * Rules: deltas carry the room's `seq`; anything with seq <= the last applied seq is a duplicate and is
 * dropped. Deltas that arrive while a join is in flight are held and replayed on top of the snapshot
 * (the server may broadcast between adding us to the room and answering the join). A reconnect is a new
 * join whose snapshot replaces everything.
 */

/** One grid as the UI holds it (pixels already normalised to Uint8Array). */
export type LiveGrid = WireGrid;

/** One epoch's latent scatter as the UI holds it: points (x, y interleaved) and labels as typed arrays. */
export type LiveLatent = WireLatent;

export interface LiveRun {
  view: RunView;
  epochs: EpochMetrics[];
  /** Train loss points, ascending by globalStep. */
  steps: StepPoint[];
  progress: Progress | null;
  checkpoints: CheckpointView[];
  /** Epochs that have sample grids on the server (for the epoch slider), ascending. */
  gridEpochs: number[];
  /** Latest grid of each kind. */
  grids: Partial<Record<GridKind, LiveGrid>>;
  /** Latent scatters of the newest SNAPSHOT_LATENT_EPOCHS epochs, ascending (older ones load over HTTP). */
  latent: LiveLatent[];
  /** Every epoch that has a latent scatter on the server, ascending (the scatter's epoch slider). */
  latentEpochs: number[];
  /** The finished run's evaluation (its line of the comparison table). */
  evaluation: RunEvaluationView | null;
}

function emptyRun(view: RunView): LiveRun {
  return {
    view,
    epochs: [],
    steps: [],
    progress: null,
    checkpoints: [],
    gridEpochs: [],
    grids: {},
    latent: [],
    latentEpochs: [],
    evaluation: null,
  };
}

export type ConnectionStatus = "connecting" | "joining" | "live" | "reconnecting" | "error" | "deleted";

export type SessionDelta =
  | { type: "progress"; seq: number; runId: string; progress: Progress }
  | { type: "epoch"; seq: number; runId: string; metrics: EpochMetrics }
  | { type: "samples"; seq: number; grids: LiveGrid[] }
  | { type: "checkpoint"; seq: number; checkpoint: CheckpointView }
  | { type: "latent"; seq: number; latent: LiveLatent }
  | { type: "evaluation"; seq: number; evaluation: RunEvaluationView }
  | { type: "status"; seq: number; run: RunView }
  | { type: "gallery-created"; seq: number; item: GalleryItemView }
  | { type: "gallery-deleted"; seq: number; itemId: string };

export type SessionAction =
  | { type: "join-started" }
  | { type: "snapshot"; snapshot: NormalisedSnapshot }
  | { type: "join-failed"; message: string }
  | { type: "disconnected" }
  | { type: "presence"; viewers: number }
  | { type: "deleted" }
  | { type: "delta"; delta: SessionDelta };

/** The snapshot as parsed (lib/contracts/socket.ts): grid pixels and latent arrays as typed arrays. */
export type NormalisedSnapshot = SessionSnapshot;

export interface SessionState {
  connection: ConnectionStatus;
  /** What went wrong and what to do, when connection is "error". */
  error: string | null;
  session: SessionView | null;
  /** Runs by id, and their display order (session.runs order). */
  runs: Record<string, LiveRun>;
  runOrder: string[];
  viewers: number;
  isOwner: boolean;
  /** Last applied delta seq. */
  seq: number;
  /** Deltas received while joining, replayed after the snapshot. */
  pending: SessionDelta[];
  /** The gallery's live changes (app/client/galleryState.ts). */
  gallery: GalleryLive;
}

/** Step points kept per run; beyond this the older half is thinned so memory stays flat on long runs. */
export const MAX_STEP_POINTS = 4000;

export const initialSessionState: SessionState = {
  connection: "connecting",
  error: null,
  session: null,
  runs: {},
  runOrder: [],
  viewers: 0,
  isOwner: false,
  seq: 0,
  pending: [],
  gallery: emptyGalleryLive,
};

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case "join-started":
      return { ...state, connection: "joining", error: null, pending: [] };
    case "snapshot": {
      const fresh = { ...fromSnapshot(action.snapshot), gallery: state.gallery };
      // Replay what arrived during the join; applyDelta drops those the snapshot already contains.
      return state.pending.reduce(applyDelta, fresh);
    }
    case "join-failed":
      return { ...state, connection: "error", error: action.message, pending: [] };
    case "disconnected":
      // Keep showing what we have; the next snapshot replaces it.
      return state.connection === "deleted" ? state : { ...state, connection: "reconnecting", pending: [] };
    case "presence":
      return { ...state, viewers: action.viewers };
    case "deleted":
      return { ...state, connection: "deleted" };
    case "delta":
      if (state.connection === "joining" || state.connection === "connecting") {
        return { ...state, pending: [...state.pending, action.delta] };
      }
      if (state.connection !== "live") return state;
      return applyDelta(state, action.delta);
    default: {
      const never: never = action;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

function fromSnapshot(s: NormalisedSnapshot): Omit<SessionState, "gallery"> {
  const runs: Record<string, LiveRun> = {};
  for (const view of s.session.runs) {
    const data = s.runs[view.id];
    runs[view.id] = {
      view,
      epochs: [...(data?.epochs ?? [])].sort((a, b) => a.epoch - b.epoch),
      steps: [...(data?.steps ?? [])].sort((a, b) => a.globalStep - b.globalStep),
      progress: data?.progress ?? null,
      checkpoints: data?.checkpoints ?? [],
      gridEpochs: [...(s.gridEpochs[view.id] ?? [])].sort((a, b) => a - b),
      grids: {},
      latent: [],
      latentEpochs: [...(s.latentEpochs[view.id] ?? [])].sort((a, b) => a - b),
      evaluation: data?.evaluation ?? null,
    };
  }
  for (const g of s.grids) {
    const run = runs[g.runId];
    if (run) run.grids = withLatestGrid(run.grids, g);
  }
  for (const l of s.latent) {
    const run = runs[l.runId];
    if (run) runs[l.runId] = withLatent(run, l);
  }
  return {
    connection: "live",
    error: null,
    session: s.session,
    runs,
    runOrder: s.session.runs.map((r) => r.id),
    viewers: s.viewers,
    isOwner: s.isOwner,
    seq: s.seq,
    pending: [],
  };
}

/** Applies one delta unless its seq was already seen. Pure: returns a new state or the same one. */
export function applyDelta(state: SessionState, delta: SessionDelta): SessionState {
  if (delta.seq <= state.seq) return state;
  const next = { ...state, seq: delta.seq };
  switch (delta.type) {
    case "progress": {
      const run = next.runs[delta.runId];
      if (!run) return next;
      const p = delta.progress;
      const last = run.steps[run.steps.length - 1];
      const steps =
        last && last.globalStep >= p.globalStep
          ? run.steps
          : capSteps([
              ...run.steps,
              { globalStep: p.globalStep, epoch: p.epoch, loss: p.loss, recon: p.recon, kl: p.kl },
            ]);
      return withRun(next, { ...run, progress: p, steps });
    }
    case "epoch": {
      const run = next.runs[delta.runId];
      if (!run) return next;
      const epochs = [...run.epochs.filter((e) => e.epoch !== delta.metrics.epoch), delta.metrics].sort(
        (a, b) => a.epoch - b.epoch,
      );
      return withRun(next, { ...run, epochs });
    }
    case "samples": {
      let out = next;
      for (const g of delta.grids) {
        const run = out.runs[g.runId];
        if (!run) continue;
        const gridEpochs = run.gridEpochs.includes(g.epoch)
          ? run.gridEpochs
          : [...run.gridEpochs, g.epoch].sort((a, b) => a - b);
        out = withRun(out, { ...run, gridEpochs, grids: withLatestGrid(run.grids, g) });
      }
      return out;
    }
    case "checkpoint": {
      const run = next.runs[delta.checkpoint.runId];
      if (!run || run.checkpoints.some((c) => c.id === delta.checkpoint.id)) return next;
      return withRun(next, { ...run, checkpoints: [...run.checkpoints, delta.checkpoint] });
    }
    case "latent": {
      const run = next.runs[delta.latent.runId];
      return run ? withRun(next, withLatent(run, delta.latent)) : next;
    }
    case "evaluation": {
      const run = next.runs[delta.evaluation.runId];
      return run ? withRun(next, { ...run, evaluation: delta.evaluation }) : next;
    }
    case "status": {
      const existing = next.runs[delta.run.id];
      const run: LiveRun = existing ? { ...existing, view: delta.run } : emptyRun(delta.run);
      const runOrder = existing ? next.runOrder : [...next.runOrder, delta.run.id];
      const session = next.session && {
        ...next.session,
        runs: existing
          ? next.session.runs.map((r) => (r.id === delta.run.id ? delta.run : r))
          : [...next.session.runs, delta.run],
      };
      return { ...withRun(next, run), runOrder, session };
    }
    case "gallery-created":
      if (next.session && delta.item.sessionId !== next.session.id) return next;
      return { ...next, gallery: galleryCreated(next.gallery, delta.item) };
    case "gallery-deleted":
      return { ...next, gallery: galleryDeleted(next.gallery, delta.itemId) };
    default: {
      const never: never = delta;
      throw new Error(`unknown delta ${JSON.stringify(never)}`);
    }
  }
}

function withRun(state: SessionState, run: LiveRun): SessionState {
  return { ...state, runs: { ...state.runs, [run.view.id]: run } };
}

/** Keeps the newest grid of a kind (an older epoch arriving late must not replace a newer one). */
function withLatestGrid(grids: LiveRun["grids"], g: LiveGrid): LiveRun["grids"] {
  const current = grids[g.kind];
  if (current && current.epoch > g.epoch) return grids;
  return { ...grids, [g.kind]: g };
}

/**
 * Adds an epoch's scatter: replaces one of the same epoch, keeps epoch order and only the newest
 * SNAPSHOT_LATENT_EPOCHS (about 18 KB each), and lists the epoch for the slider.
 */
export function withLatent(run: LiveRun, l: LiveLatent): LiveRun {
  const latent = [...run.latent.filter((x) => x.epoch !== l.epoch), l]
    .sort((a, b) => a.epoch - b.epoch)
    .slice(-SNAPSHOT_LATENT_EPOCHS);
  const latentEpochs = run.latentEpochs.includes(l.epoch)
    ? run.latentEpochs
    : [...run.latentEpochs, l.epoch].sort((a, b) => a - b);
  return { ...run, latent, latentEpochs };
}

/** Thins the older half (every other point) once the cap is hit, so recent detail survives. */
export function capSteps(steps: StepPoint[], max = MAX_STEP_POINTS): StepPoint[] {
  if (steps.length <= max) return steps;
  const half = Math.floor(steps.length / 2);
  return [...steps.slice(0, half).filter((_, i) => i % 2 === 0), ...steps.slice(half)];
}

// ---------- selectors ----------

export function orderedRuns(state: Pick<SessionState, "runs" | "runOrder">): LiveRun[] {
  return state.runOrder.map((id) => state.runs[id]).filter((r): r is LiveRun => r !== undefined);
}

/** The session's overall status for the page title/badge: training beats paused beats queued beats the rest. */
export function sessionStatus(state: SessionState): RunView["status"] | null {
  const statuses = orderedRuns(state).map((r) => r.view.status);
  for (const s of ["training", "paused", "queued", "failed", "interrupted", "stopped", "done"] as const) {
    if (statuses.includes(s)) return s;
  }
  return null;
}
