/**
 * Which checkpoints a run keeps. Every checkpoint holds the whole model (2–10 MB), and a 500-epoch run would
 * otherwise store 500 of them — gigabytes per run, written every few seconds now that epochs are fast. The app
 * only ever loads the newest checkpoint (play page, resume, model files), so older ones are thinned to a
 * 1-2-5 series of milestones that still shows how a model evolved. Checkpoints a gallery item points to are
 * never deleted (the repository refuses them).
 */

/** The newest this many checkpoints are always kept (the latest is what resume and the play page use). */
export const KEEP_NEWEST = 2;

/** 1, 2, 5, 10, 20, 50, 100, 200, 500, … */
export function isMilestoneEpoch(epoch: number): boolean {
  if (!Number.isInteger(epoch) || epoch < 1) return false;
  let decade = 1;
  while (decade * 10 <= epoch) decade *= 10;
  return epoch === decade || epoch === 2 * decade || epoch === 5 * decade;
}

/** Epochs among `stored` to delete: everything but the newest KEEP_NEWEST and the milestones. */
export function epochsToPrune(stored: readonly number[]): number[] {
  const newest = new Set([...stored].sort((a, b) => b - a).slice(0, KEEP_NEWEST));
  return stored.filter((e) => !newest.has(e) && !isMilestoneEpoch(e)).sort((a, b) => a - b);
}
