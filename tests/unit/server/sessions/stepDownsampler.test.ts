import assert from "node:assert/strict";
import { test } from "node:test";
import type { Progress } from "../../../../lib/contracts/training";
import { StepDownsampler } from "../../../../server/sessions/stepDownsampler";

const p = (epoch: number, step: number, stepsPerEpoch: number, epochs: number): Progress => ({
  epoch,
  epochs,
  step,
  stepsPerEpoch,
  globalStep: (epoch - 1) * stepsPerEpoch + step,
  loss: 1,
  recon: 1,
  kl: 0,
  klWeight: 1,
  imgPerSec: 1,
  etaSeconds: 0,
});

test("a long run keeps at most ~maxPoints points, always including each epoch's last point", () => {
  const epochs = 10;
  const spe = 469; // full MNIST at batch 128
  const d = new StepDownsampler(200);
  const kept: number[] = [];
  for (let e = 1; e <= epochs; e++) {
    for (let s = 1; s <= spe; s++) {
      const k = d.offer(p(e, s, spe, epochs));
      if (k) kept.push(k.globalStep);
    }
    const last = d.epochEnded();
    if (last) kept.push(last.globalStep);
    assert.equal(kept.at(-1), e * spe, `epoch ${e} ends with its last step`);
  }
  assert.ok(kept.length <= 200, `${kept.length} points kept`);
  assert.ok(kept.length >= 150, `${kept.length} points kept (should use most of the budget)`);
  assert.deepEqual(
    [...kept].sort((a, b) => a - b),
    kept,
    "increasing",
  );
});

test("short runs keep every point", () => {
  const d = new StepDownsampler(2000);
  for (let s = 1; s <= 4; s++) assert.ok(d.offer(p(1, s, 4, 2)));
  assert.equal(d.epochEnded(), null, "nothing held back");
});

test("points at or before the last stored step (replayed after a resume) are dropped", () => {
  const d = new StepDownsampler(2000, 8);
  assert.equal(d.offer(p(2, 4, 4, 3)), null); // globalStep 8
  assert.equal(d.offer(p(3, 1, 4, 3))?.globalStep, 9);
});
