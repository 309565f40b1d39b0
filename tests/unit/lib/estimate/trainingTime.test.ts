import assert from "node:assert/strict";
import { test } from "node:test";
import {
  denseMacsPerImage,
  estimateTrainingSeconds,
  fallbackThroughput,
  median,
} from "../../../../lib/estimate/trainingTime";
import { resolveConfig } from "../../../../lib/model/config";

test("denseMacsPerImage counts in x out of every dense layer, with the condition on both inputs", () => {
  // vae-seed: 784-256-256-40 and 20-256-256-784
  assert.equal(
    denseMacsPerImage(resolveConfig("vae-seed")),
    784 * 256 + 256 * 256 + 256 * 40 + 20 * 256 + 256 * 256 + 256 * 784,
  );
  // cvae-label: [x, one-hot] 794-512-40 and [z, one-hot] 30-512-784
  assert.equal(denseMacsPerImage(resolveConfig("cvae-label")), 794 * 512 + 512 * 40 + 30 * 512 + 512 * 784);
});

test("estimateTrainingSeconds: start-up + epochs x (overhead + images x cost / speed)", () => {
  const config = resolveConfig("vae-seed", { epochs: 10, trainSize: 60000 });
  const macs = denseMacsPerImage(config);
  const speed = { macsPerSecond: 30000 * macs, epochOverheadSeconds: 0.5, startupSeconds: 3 };
  assert.equal(estimateTrainingSeconds(speed, config), 3 + 10 * (0.5 + 2));
  // Twice the images, twice the training part; doubled hidden layers cost more per image.
  assert.equal(estimateTrainingSeconds(speed, { ...config, trainSize: 120000 }), 3 + 10 * (0.5 + 4));
  assert.ok(
    estimateTrainingSeconds(speed, { ...config, encoderHidden: [512, 512], decoderHidden: [512, 512] }) >
      3 + 10 * (0.5 + 2 * 2),
  );
});

test("fallbackThroughput is the documented tfjs-wasm speed, expressed at the preset's defaults", () => {
  const f = fallbackThroughput("cvae-inpaint");
  assert.equal(f.source, "fallback");
  assert.equal(f.imgPerSecAtDefaults, 2539);
  const secondsFor60k = estimateTrainingSeconds(f, { ...resolveConfig("cvae-inpaint"), epochs: 1 });
  assert.ok(Math.abs(secondsFor60k - (3 + 1 + 60000 / 2539)) < 1e-9);
});

test("median ignores non-finite values", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.equal(median([NaN, 5]), 5);
  assert.ok(Number.isNaN(median([])));
});
