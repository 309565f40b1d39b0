import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { buildVae, disposeVae } from "../../../../../lib/model/build";
import { resolveConfig } from "../../../../../lib/model/config";
import { disposeFixtures, prepareSampleFixtures, sampleGrids } from "../../../../../server/training/loop/samples";
import { mnistSubset, useWasm } from "../../../lib/tfWasm";

before(useWasm);

test("the label-rows grid samples each digit's learned prior: z = mean_d + std_d ⊙ ε with ε shared along a column", () => {
  const m = buildVae(
    resolveConfig("cvae-label", {
      encoderHidden: [16],
      decoderHidden: [16],
      latentDim: 3,
      seed: 4,
      prior: "label-gaussian",
    }),
  );
  // Far-apart means and distinct spreads, so sampling N(0, I) instead would give other pictures.
  const params = Array.from({ length: 10 }, (_, d) => [2 * d - 9, d % 3, -1, Math.log(0.2 + 0.1 * d), 0, 0.5]);
  m.prior!.params.assign(tf.tensor2d(params));
  const set = mnistSubset("t10k", 16);
  const fx = prepareSampleFixtures(
    3,
    7,
    { images: set.images, count: 16 },
    { images: set.images, labels: set.labels, count: 16 },
  );
  const grid = sampleGrids(m, fx).find((g) => g.kind === "label-rows")!;
  const eps = fx.labelZ.arraySync();
  for (const [d, col] of [
    [0, 0],
    [4, 7],
    [9, 3],
  ] as const) {
    const z = eps[col]!.map((e, j) => params[d]![j]! + Math.exp(0.5 * params[d]![3 + j]!) * e);
    const expected = tf.tidy(() =>
      (
        m.decoder.predict(
          tf.tensor2d([[...z, ...Array.from({ length: 10 }, (_, k) => (k === d ? 1 : 0))]]),
        ) as tf.Tensor
      ).dataSync(),
    );
    const tile = grid.pixels.subarray((d * 10 + col) * 784, (d * 10 + col + 1) * 784);
    let worst = 0;
    tile.forEach((v, p) => (worst = Math.max(worst, Math.abs(v - Math.round(expected[p]! * 255)))));
    assert.ok(worst <= 1, `digit ${d}, column ${col}: max byte difference ${worst}`);
  }
  disposeFixtures(fx);
  disposeVae(m);
});
