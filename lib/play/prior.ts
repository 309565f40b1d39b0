import type { PriorSpec } from "../contracts/prior";
import { sampleLatents } from "./decode";
import type { PlayModel } from "./playModel";

/**
 * Sampling from a checkpoint's prior (meta.json `prior`, lib/contracts/prior.ts) in plain arithmetic — the same
 * recipe docs/api.md gives any page: standard z = T·ε; label-gaussian z = mean[d] + T·exp(½·logVar[d]) ⊙ ε.
 * ε are the seeded standard normal draws of sampleLatents, so a page with the same ε gets the same z.
 */

function checkDigit(d: number): number {
  if (!Number.isInteger(d) || d < 0 || d > 9) throw new Error(`digit must be an integer 0-9, got ${d}`);
  return d;
}

/**
 * Maps standard normal noise (count × latentDim, flat) to prior samples in place for one digit per sample.
 * `digits` has one entry per sample (ignored by the standard prior).
 */
export function noiseToPrior(
  prior: PriorSpec,
  eps: Float32Array,
  latentDim: number,
  temperature: number,
  digits: readonly number[],
): Float32Array {
  const count = eps.length / latentDim;
  if (prior.kind === "standard") {
    for (let i = 0; i < eps.length; i++) eps[i] = eps[i]! * temperature;
    return eps;
  }
  if (digits.length !== count) throw new Error(`need one digit per sample (${count}), got ${digits.length}`);
  for (let s = 0; s < count; s++) {
    const d = checkDigit(digits[s]!);
    const mean = prior.mean[d]!;
    const logVar = prior.logVar[d]!;
    for (let j = 0; j < latentDim; j++) {
      const k = s * latentDim + j;
      eps[k] = mean[j]! + temperature * Math.exp(0.5 * logVar[j]!) * eps[k]!;
    }
  }
  return eps;
}

/**
 * `count` seeded samples from the model's prior at `temperature`, flat [count * latentDim]. Label priors need the
 * digit of every sample (`digits`) or one for all (`digit`, default 0).
 */
export function samplePriorLatents(
  m: PlayModel,
  count: number,
  temperature: number,
  seed: number,
  opts: { digit?: number; digits?: readonly number[] } = {},
): Float32Array {
  if (temperature < 0) throw new Error("temperature must be >= 0");
  const eps = sampleLatents(m.latentDim, count, 1, seed);
  const digits = opts.digits ?? new Array<number>(count).fill(opts.digit ?? 0);
  return noiseToPrior(m.prior, eps, m.latentDim, temperature, digits);
}

/** Where a digit's prior is centred (all zeros for the standard prior): a natural base for sliders and latent maps. */
export function priorMean(m: PlayModel, digit = 0): Float32Array {
  if (m.prior.kind === "standard") return new Float32Array(m.latentDim);
  return Float32Array.from(m.prior.mean[checkDigit(digit)]!);
}
