import type { NormalisedSnapshot, SessionDelta } from "../../../app/client/sessionState";
import type { RunView } from "../../../lib/contracts/session";
import type { EpochMetrics } from "../../../lib/contracts/training";
import { resolveConfig, type PresetId } from "../../../lib/model/config";

/**
 * A seed-comparison session (VAE + CVAE) with long loss histories, made up but shaped like real ones
 * (−ELBO falling from ~540 to ~100 nats with noise), for measuring the charts without training anything.
 * The two runs report different steps (like two trainers at different speeds), so the charts have to
 * align two x axes, as they do on the real page.
 */

const RUNS: { preset: PresetId; stepEvery: number; stepOffset: number }[] = [
  { preset: "vae-seed", stepEvery: 7, stepOffset: 0 },
  { preset: "cvae-label", stepEvery: 5, stepOffset: 3 },
];
const STEPS_PER_EPOCH = 469;

/** Deterministic noise in [-1, 1) (a tiny LCG: the same numbers in every browser and every run). */
function noise(seed: number): number {
  const x = (Math.imul(seed ^ 0x9e3779b9, 1664525) + 1013904223) >>> 0;
  return x / 2 ** 31 - 1;
}

function lossAt(run: number, globalStep: number) {
  const total = 100 + 440 * Math.exp(-globalStep / 400) + 4 * noise(run * 1_000_003 + globalStep);
  const kl = Math.min(25, 5 + globalStep / 100);
  return { loss: total, recon: total - kl, kl };
}

export function runId(run: number): string {
  return `bench-run-${run}`;
}

function runView(run: number): RunView {
  const { preset } = RUNS[run]!;
  return {
    id: runId(run),
    index: run,
    preset,
    config: resolveConfig(preset),
    status: "training",
    createdAt: "2026-12-01T00:00:00.000Z",
  };
}

function globalStepOf(run: number, i: number): number {
  const { stepEvery, stepOffset } = RUNS[run]!;
  return stepOffset + i * stepEvery;
}

function epochsUpTo(run: number, globalStep: number): EpochMetrics[] {
  const done = Math.floor(globalStep / STEPS_PER_EPOCH);
  return Array.from({ length: done }, (_, e) => {
    const m = lossAt(run, (e + 1) * STEPS_PER_EPOCH);
    return {
      epoch: e + 1,
      trainLoss: m.loss,
      testNegElbo: m.loss - 2,
      testRecon: m.recon - 2,
      testKl: m.kl,
      seconds: 20,
      imgPerSec: 3000,
    };
  });
}

/** The snapshot a viewer joining late receives: `points` loss points per run. */
export function syntheticSnapshot(points: number): NormalisedSnapshot {
  const views = RUNS.map((_, run) => runView(run));
  const runs: NormalisedSnapshot["runs"] = {};
  views.forEach((view, run) => {
    const steps = Array.from({ length: points }, (_, i) => {
      const globalStep = globalStepOf(run, i);
      return { globalStep, epoch: Math.floor(globalStep / STEPS_PER_EPOCH) + 1, ...lossAt(run, globalStep) };
    });
    runs[view.id] = {
      epochs: epochsUpTo(run, globalStepOf(run, points - 1)),
      steps,
      progress: null,
      checkpoints: [],
      evaluation: null,
    };
  });
  return {
    session: {
      id: "bench",
      title: "Chart benchmark",
      dataset: "mnist",
      createdAt: "2026-12-01T00:00:00.000Z",
      runs: views,
    },
    runs,
    grids: [],
    gridEpochs: {},
    latent: [],
    latentEpochs: {},
    viewers: 1,
    isOwner: false,
    seq: 0,
  };
}

/** The progress delta a trainer sends for point number `i` of `run` (i counts from 0, like the snapshot). */
export function progressDelta(run: number, i: number, seq: number): SessionDelta {
  const globalStep = globalStepOf(run, i);
  const epoch = Math.floor(globalStep / STEPS_PER_EPOCH) + 1;
  return {
    type: "progress",
    seq,
    runId: runId(run),
    progress: {
      epoch,
      epochs: 100,
      step: globalStep % STEPS_PER_EPOCH,
      stepsPerEpoch: STEPS_PER_EPOCH,
      globalStep,
      ...lossAt(run, globalStep),
      klWeight: 1,
      imgPerSec: 3000,
      etaSeconds: 600,
    },
  };
}

export const RUN_COUNT = RUNS.length;
