import type { EpochMetrics, GridKind } from "../../lib/contracts/training";
import { AppError, runNotFound, sessionNotFound } from "../errors";
import type { StepPoint } from "../../lib/contracts/session";
import type {
  GridRecord,
  LatentScatterRecord,
  Repositories,
  RunEvaluationRecord,
  RunRecord,
  SessionRecord,
} from "../repositories/types";

/** Which grid a run's animation shows when the request does not say: the most telling one it has. */
const KIND_PREFERENCE: GridKind[] = ["label-rows", "prior", "inpaint-test", "reconstruction", "inpaint-train"];

/** Longer runs keep the first and last epoch and an even spread between (a GIF of 500 frames helps nobody). */
export const MAX_ANIMATION_FRAMES = 60;

/** At most `max` epochs, evenly spread, always with the first and the last. */
export function pickFrameEpochs(epochs: readonly number[], max = MAX_ANIMATION_FRAMES): number[] {
  if (epochs.length <= max) return [...epochs];
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(epochs[Math.round((i * (epochs.length - 1)) / (max - 1))]!);
  return [...picked].sort((a, b) => a - b);
}

/**
 * What a finished or running run recorded, read for the HTTP routes: metrics, sample grids by epoch and the
 * frames of a grid animation. Every method checks that the run belongs to the session (404 otherwise).
 */
export class RunDataService {
  constructor(
    private readonly repos: Pick<Repositories, "sessions" | "runs" | "metrics" | "grids" | "latent" | "evaluations">,
  ) {}

  /** The run, checked to belong to the session: "session not found" or "run not found in this session". */
  async runOfSession(sessionId: string, runId: string): Promise<RunRecord> {
    const run = await this.repos.runs.get(runId);
    if (!run || run.sessionId !== sessionId) {
      if (!(await this.repos.sessions.get(sessionId))) throw sessionNotFound();
      throw runNotFound();
    }
    return run;
  }

  async metrics(
    sessionId: string,
    runId: string,
  ): Promise<{ run: RunRecord; epochs: EpochMetrics[]; steps: StepPoint[] }> {
    const run = await this.runOfSession(sessionId, runId);
    const [epochs, steps] = await Promise.all([
      this.repos.metrics.listEpochs(run.id),
      this.repos.metrics.listSteps(run.id),
    ]);
    return { run, epochs, steps };
  }

  /** The grids of `epoch` (default: the latest epoch that has any) and every epoch that has grids. */
  async grids(
    sessionId: string,
    runId: string,
    epoch?: number,
  ): Promise<{ run: RunRecord; epochs: number[]; grids: GridRecord[] }> {
    const run = await this.runOfSession(sessionId, runId);
    const repo = this.repos.grids;
    const [epochs, grids] = await Promise.all([
      repo.epochs(run.id),
      epoch === undefined ? repo.latest(run.id) : repo.byEpoch(run.id, epoch),
    ]);
    if (grids.length === 0)
      throw new AppError("not_found", epoch === undefined ? "no grids yet" : `no grids for epoch ${epoch}`);
    return { run, epochs, grids };
  }

  /** The latent scatter of `epoch` (default: the newest) and every epoch that has one. */
  async latent(
    sessionId: string,
    runId: string,
    epoch?: number,
  ): Promise<{ run: RunRecord; epochs: number[]; scatter: LatentScatterRecord }> {
    const run = await this.runOfSession(sessionId, runId);
    const repo = this.repos.latent;
    const epochs = await repo.epochs(run.id);
    const wanted = epoch ?? epochs.at(-1);
    const scatter = wanted === undefined ? null : await repo.byEpoch(run.id, wanted);
    if (!scatter)
      throw new AppError(
        "not_found",
        epoch === undefined ? "no latent scatter yet" : `no latent scatter for epoch ${epoch}`,
      );
    return { run, epochs, scatter };
  }

  /** The evaluations of a session's finished runs, in run order: its comparison table. */
  async comparison(sessionId: string): Promise<{ session: SessionRecord; evaluations: RunEvaluationRecord[] }> {
    const session = await this.repos.sessions.get(sessionId);
    if (!session) throw sessionNotFound();
    return { session, evaluations: await this.repos.evaluations.listBySession(sessionId) };
  }

  /**
   * One grid of `kind` (default: the most telling kind the run has) per picked epoch, all of the latest grid's
   * size: the frames of the run's animation. 404 when the run has no grids, or none of that kind.
   */
  async animationFrames(
    sessionId: string,
    runId: string,
    requested?: GridKind,
  ): Promise<{ run: RunRecord; sessionTitle: string | undefined; kind: GridKind; frames: GridRecord[] }> {
    const run = await this.runOfSession(sessionId, runId);
    const { grids, sessions } = this.repos;
    const epochs = await grids.epochs(run.id);
    if (epochs.length === 0)
      throw new AppError("not_found", "this run has no sample grids yet (they appear at the end of epoch 1)");

    const latest = await grids.latest(run.id);
    const kind = requested ?? KIND_PREFERENCE.find((k) => latest.some((g) => g.kind === k));
    const shape = latest.find((g) => g.kind === kind);
    if (!kind || !shape) throw new AppError("not_found", `this run has no ${requested ?? "sample"} grids`);

    const frames: GridRecord[] = [];
    for (const epoch of pickFrameEpochs(epochs)) {
      const grid = (await grids.byEpoch(run.id, epoch)).find(
        (g) => g.kind === kind && g.rows === shape.rows && g.cols === shape.cols,
      );
      if (grid) frames.push(grid);
    }
    const session = await sessions.get(run.sessionId);
    return { run, sessionTitle: session?.title, kind, frames };
  }
}
