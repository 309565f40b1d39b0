import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { buildVae, disposeVae } from "../../../../../lib/model/build";
import { centredHoleMask } from "../../../../../lib/data/masks";
import { buildCondition } from "../../../../../lib/model/conditions";
import { PIXELS, resolveConfig } from "../../../../../lib/model/config";
import { trainableVariables } from "../../../../../lib/model/vae";
import { negElboGradients } from "../../../../../server/training/kernels/fastGrads";
import { evaluationNoise, testNegElbo } from "../../../../../server/training/loop/evaluate";
import { gaussianFill, mulberry32, permutation, trainingMasks } from "../../../../../server/training/loop/random";
import { activeNativeKernels } from "../../../../../server/training/native/addon";
import { createNativeStepper } from "../../../../../server/training/native/nativeStepper";
import { planSlots } from "../../../../../server/training/parallel/layout";
import { mnistSubset, useWasm } from "../../../lib/tfWasm";
import { caseConfig, GRADIENT_CASES, randomisePrior } from "../gradientCases";

before(useWasm);

const addon = activeNativeKernels();
const skip = addon ? false : "native kernels addon not built or NATIVE_KERNELS=0";
const N = 40;
const mnist = mnistSubset("train", N);
const invert = (images: Uint8Array, from: number, to: number): Uint8Array =>
  images.map((v, i) => (i >= from * PIXELS && i < to * PIXELS ? 255 - v : v));
/**
 * The step skips zero inputs where a shard's first-layer inputs are sparse (native/kernels/src/sparse.h): MNIST takes
 * that path, inverted images the dense one, and "mixed" (images 3–10 inverted, taken in order from 3) gives the two
 * threads of a batch of 16 different forward paths and the weight phase the dense one.
 */
const DATA = [
  { name: "MNIST (sparse inputs)", data: mnist, perm: permutation(N, mulberry32(7)) },
  {
    name: "inverted (dense inputs)",
    data: { ...mnist, images: invert(mnist.images, 0, N) },
    perm: permutation(N, mulberry32(7)),
  },
  {
    name: "mixed shards",
    data: { ...mnist, images: invert(mnist.images, 3, 11) },
    perm: Int32Array.from({ length: N }, (_, i) => i),
  },
];

for (const c of GRADIENT_CASES) {
  const { preset, prior } = c;
  test(
    `${preset} (prior ${prior}): the native whole step's gradient equals the stock-op compositions on 1, 2 and 3 threads`,
    { skip },
    () => {
      const config = caseConfig(c, { seed: 11, batchSize: 16 });
      const m = buildVae(config);
      randomisePrior(m, 12);
      for (const { name, data, perm } of DATA) checkGradients(config, m, name, data, perm);
      disposeVae(m);
    },
  );
}

function checkGradients(
  config: ReturnType<typeof caseConfig>,
  m: ReturnType<typeof buildVae>,
  dataName: string,
  mnist: { images: Uint8Array; labels: Uint8Array },
  perm: Int32Array,
): void {
  const start = 3;
  const vars = trainableVariables(m);
  const slots = planSlots(vars);
  for (const size of [16, 5]) {
    // Batch 5 takes soft masks (every 7th entry 0.5): the step keeps a mask's entries other than one, not only its hole.
    const hard = config.condition === "inpaint" ? trainingMasks(size, mulberry32(8)) : null;
    const masks = hard && size === 5 ? hard.map((v, i) => (i % 7 === 0 ? 0.5 : v)) : hard;
    const ref = tf.tidy(() => {
      const idx = Array.from(perm.subarray(start, start + size));
      const x = tf.tensor2d(
        idx.flatMap((i) => Array.from(mnist.images.subarray(i * PIXELS, (i + 1) * PIXELS), (v) => v / 255)),
        [size, PIXELS],
      );
      const labels = tf.tensor1d(
        idx.map((i) => mnist.labels[i]!),
        "int32",
      );
      const cond = buildCondition(config.condition, x, labels, masks ? tf.tensor2d(masks, [size, PIXELS]) : null);
      const eps = tf.tensor2d(gaussianFill(new Float32Array(size * 5), 99), [size, 5]);
      const g = negElboGradients(m, x, cond, eps, 0.7);
      return {
        grads: vars.map((v) => g.grads[v.name]!.dataSync() as Float32Array),
        stats: Array.from(g.stats.dataSync()),
      };
    });
    for (const threads of [1, 2, 3]) {
      const stepper = createNativeStepper(addon!, m, mnist, { threads, learningRate: 1e-3, batchSize: 16 });
      try {
        const got = stepper.gradients({ perm, start, size, klWeight: 0.7, epsSeed: 99, masks });
        got.stats.forEach((s, j) =>
          assert.ok(
            Math.abs(s - ref.stats[j]!) <= 1e-4 * Math.max(1, Math.abs(s)),
            `stat ${j}: ${s} vs ${ref.stats[j]}`,
          ),
        );
        vars.forEach((v, i) => {
          const r = ref.grads[i]!;
          const mine = got.grads.subarray(slots[i]!.offset, slots[i]!.offset + slots[i]!.size);
          let scale = 0;
          let diff = 0;
          r.forEach((value, j) => {
            scale = Math.max(scale, Math.abs(value));
            diff = Math.max(diff, Math.abs(value - mine[j]!));
          });
          assert.ok(
            diff <= 1e-4 * Math.max(scale, 1e-3),
            `${dataName}, ${threads} thread(s), batch ${size}, ${v.name}: max |Δ| ${diff} (scale ${scale})`,
          );
        });
      } finally {
        void stepper.dispose();
      }
    }
  }
}

test("the noise the native step draws from a seed is random.ts gaussianFill's, from any offset", { skip }, () => {
  for (const seed of [0, 99, 2 ** 31 - 1, 4294967295]) {
    const want = gaussianFill(new Float32Array(2 * 128 * 5 + 1), seed);
    for (const [from, to] of [
      [0, want.length],
      [5, 327], // odd start and end: pairs split between two threads' ranges
      [320, 641],
    ] as const) {
      const got = new Float32Array(to - from);
      addon!.gaussianFill(seed, got, from);
      assert.deepEqual(got, want.subarray(from, to), `seed ${seed}, [${from}, ${to})`);
    }
  }
});

test(
  "native step: Adam updates the weights like FlatAdam would, the variables follow on syncWeights, and bad batches are refused",
  { skip },
  async () => {
    const config = resolveConfig("vae-seed", {
      encoderHidden: [16],
      decoderHidden: [16],
      latentDim: 3,
      seed: 5,
      batchSize: 8,
    });
    const m = buildVae(config);
    const before = trainableVariables(m).map((v) => v.dataSync().slice());
    const stepper = createNativeStepper(addon!, m, mnist, { threads: 2, learningRate: 1e-2, batchSize: 8 });
    const perm = permutation(N, mulberry32(1));
    const grads = stepper.gradients({ perm, start: 0, size: 8, klWeight: 1, epsSeed: 4, masks: null }).grads;
    const stats = stepper.step({ perm, start: 0, size: 8, klWeight: 1, epsSeed: 4, masks: null });
    assert.ok(
      stats.every(Number.isFinite) && Math.abs(stats[0] - stats[1] - stats[2]) < 1e-3,
      `stats ${stats.join(", ")}`,
    );
    assert.deepEqual(trainableVariables(m)[0]!.dataSync(), before[0], "the variables wait for syncWeights");
    stepper.syncWeights();
    // Adam's first step moves every weight with a non-zero gradient by lr · sign(g) (to within ε).
    let offset = 0;
    trainableVariables(m).forEach((v, i) => {
      const now = v.dataSync();
      now.forEach((w, j) => {
        const g = grads[offset + j]!;
        if (Math.abs(g) > 1e-4) assert.ok(Math.abs(before[i]![j]! - w - 1e-2 * Math.sign(g)) < 1e-4, `${v.name}[${j}]`);
      });
      offset += v.size;
    });
    assert.equal(stepper.optimizerState().step, 1);
    assert.throws(() => stepper.step({ perm, start: N - 4, size: 8, klWeight: 1, epsSeed: 1, masks: null }), /outside/);
    assert.throws(() => stepper.step({ perm, start: 0, size: 9, klWeight: 1, epsSeed: 1, masks: null }), /batch size/);
    await stepper.dispose();
    assert.throws(() => stepper.step({ perm, start: 0, size: 8, klWeight: 1, epsSeed: 1, masks: null }), /disposed/);
    disposeVae(m);
  },
);

test(
  "native evaluation gives testNegElbo's test −ELBO (same noise, learned prior and centred hole included)",
  { skip },
  () => {
    for (const c of GRADIENT_CASES) {
      const config = caseConfig(c, { seed: 2, batchSize: 16 });
      const m = buildVae(config);
      randomisePrior(m, 3);
      const count = 37; // two full batches of 16 and a short one
      const holeFlat = centredHoleMask(10);
      const hole = tf.tensor2d(holeFlat, [1, PIXELS]);
      const x = tf.tensor2d(
        Float32Array.from(mnist.images.subarray(0, count * PIXELS), (v) => v / 255),
        [count, PIXELS],
      );
      const labels = tf.tensor1d(Int32Array.from(mnist.labels.subarray(0, count)), "int32");
      const want = testNegElbo(m, x, labels, hole, 77);
      const stepper = createNativeStepper(addon!, m, mnist, { threads: 2, learningRate: 1e-3, batchSize: 16 });
      const eps = evaluationNoise(count, 5, 77);
      const got = stepper.evaluate({
        images: mnist.images,
        labels: mnist.labels,
        count,
        eps,
        hole: config.condition === "inpaint" ? holeFlat : null,
      });
      for (const key of ["negElbo", "recon", "kl"] as const) {
        assert.ok(
          Math.abs(got[key] - want[key]) <= 1e-4 * Math.max(1, Math.abs(want[key])),
          `${c.preset} (${c.prior}) ${key}: ${got[key]} vs ${want[key]}`,
        );
      }
      void stepper.dispose();
      tf.dispose([hole, x, labels]);
      disposeVae(m);
    }
  },
);
