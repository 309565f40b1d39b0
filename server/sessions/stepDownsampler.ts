import type { StepPoint } from "../../lib/contracts/session";
import type { Progress } from "../../lib/contracts/training";

export const MAX_STEP_POINTS = 2000;

/**
 * Decides which broadcast progress points a run keeps (in the snapshot and the database) so a run
 * stores at most ~`maxPoints` points: every point at least `stride` global steps after the last kept
 * one, plus always the last point of each epoch (held back as `candidate` until the epoch ends).
 */
export class StepDownsampler {
  private stride = 0;
  private lastKept: number;
  private candidate: StepPoint | null = null;

  /** `lastStoredStep`: globalStep of the last point already stored (resumed runs), or -1. */
  constructor(
    private readonly maxPoints = MAX_STEP_POINTS,
    lastStoredStep = -1,
  ) {
    this.lastKept = lastStoredStep;
  }

  /** Offers a broadcast progress point; returns it when it is to be kept now. */
  offer(p: Progress): StepPoint | null {
    if (p.globalStep <= this.lastKept) return null; // replayed after a resume: already stored
    if (this.stride === 0) {
      const total = p.epochs * p.stepsPerEpoch;
      this.stride = Math.max(1, Math.ceil(total / Math.max(1, this.maxPoints - p.epochs)));
    }
    const point: StepPoint = { globalStep: p.globalStep, epoch: p.epoch, loss: p.loss, recon: p.recon, kl: p.kl };
    if (p.globalStep - this.lastKept >= this.stride) {
      this.lastKept = p.globalStep;
      this.candidate = null;
      return point;
    }
    this.candidate = point;
    return null;
  }

  /** The epoch ended: keep its last point if it was held back. */
  epochEnded(): StepPoint | null {
    const c = this.candidate;
    this.candidate = null;
    if (c) this.lastKept = c.globalStep;
    return c;
  }
}
