import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { PriorSpecSchema } from "../../../../lib/contracts/prior";
import { buildVae, disposeVae } from "../../../../lib/model/build";
import { resolveConfig } from "../../../../lib/model/config";
import { sampleLatents } from "../../../../lib/play/decode";
import { labelRowsGrid, priorGrid } from "../../../../lib/play/generate";
import { probsToBytes } from "../../../../lib/images/grid";
import { disposePlayModel, loadPlayModel, toPlayModel } from "../../../../lib/play/playModel";
import { noiseToPrior, priorMean, samplePriorLatents } from "../../../../lib/play/prior";
import { exportModel } from "../../../../server/export/exportModel";
import { checkpointArtifacts } from "../../../../server/training/loop/checkpoint";
import { train } from "../../../../server/training/trainer";
import { mnistSubset } from "../tfWasm";
import { assertNoLeak, useWasm } from "./helpers";
import { quietHooks } from "../../../support/trainHooks";

before(useWasm);

const labelPrior = {
  kind: "label-gaussian" as const,
  mean: Array.from({ length: 10 }, (_, d) => [d, -d]),
  logVar: Array.from({ length: 10 }, (_, d) => [Math.log(0.25), d === 3 ? Math.log(4) : 0]),
};

describe("noiseToPrior", () => {
  it("standard: z = T·ε; label-gaussian: z = mean[d] + T·exp(½·logVar[d])·ε per sample", () => {
    assert.deepEqual(
      Array.from(noiseToPrior({ kind: "standard" }, Float32Array.from([1, -2, 0.5, 4]), 2, 0.5, [])),
      [0.5, -1, 0.25, 2],
    );
    const z = noiseToPrior(labelPrior, Float32Array.from([1, 1, 2, -1]), 2, 0.5, [0, 3]);
    assert.deepEqual(Array.from(z), [0 + 0.5 * 0.5 * 1, 0 + 0.5 * 1 * 1, 3 + 0.5 * 0.5 * 2, -3 + 0.5 * 2 * -1]);
    assert.throws(() => noiseToPrior(labelPrior, new Float32Array(4), 2, 1, [0]), /one digit per sample/);
    assert.throws(() => noiseToPrior(labelPrior, new Float32Array(2), 2, 1, [10]), /digit must be/);
  });

  it("samplePriorLatents draws from the digit's Gaussian (mean and spread) and priorMean is its centre", () => {
    const m = toPlayModel(
      buildVae(resolveConfig("cvae-label", { latentDim: 2, encoderHidden: [8], decoderHidden: [8] })),
    );
    m.prior = labelPrior;
    const z = samplePriorLatents(m, 4000, 1, 3, { digit: 3 });
    const xs = z.filter((_, i) => i % 2 === 0);
    const ys = z.filter((_, i) => i % 2 === 1);
    const mean = (a: Float32Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    const sd = (a: Float32Array): number => Math.sqrt(a.reduce((s, v) => s + (v - mean(a)) ** 2, 0) / a.length);
    assert.ok(Math.abs(mean(xs) - 3) < 0.05 && Math.abs(mean(ys) + 3) < 0.1, `means ${mean(xs)}, ${mean(ys)}`);
    assert.ok(Math.abs(sd(xs) - 0.5) < 0.03 && Math.abs(sd(ys) - 2) < 0.1, `spreads ${sd(xs)}, ${sd(ys)}`);
    assert.deepEqual(Array.from(priorMean(m, 3)), [3, -3]);
    disposePlayModel(m);
  });

  it("meta.json's prior is validated: ten rows of latentDim numbers each", () => {
    assert.ok(PriorSpecSchema.safeParse(labelPrior).success);
    assert.ok(PriorSpecSchema.safeParse({ kind: "standard" }).success);
    assert.ok(!PriorSpecSchema.safeParse({ ...labelPrior, mean: labelPrior.mean.slice(1) }).success, "nine rows");
    assert.ok(
      !PriorSpecSchema.safeParse({ ...labelPrior, logVar: [[1], ...labelPrior.logVar.slice(1)] }).success,
      "a short row",
    );
    assert.ok(!PriorSpecSchema.safeParse({ kind: "label-gaussian" }).success);
  });
});

/** Serves a folder as http://checkpoint.test/… for tf.io.http and loadPlayModel (what a browser would fetch). */
function folderFetch(dir: string): typeof fetch {
  return async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const file = path.join(dir, decodeURIComponent(url.pathname));
    if (!fs.existsSync(file)) return new Response("not found", { status: 404 });
    return new Response(fs.readFileSync(file), {
      status: 200,
      headers: { "content-type": file.endsWith(".json") ? "application/json" : "application/octet-stream" },
    });
  };
}

describe("a checkpoint with a learned prior, exported", () => {
  it("meta.json's prior + stock tf.loadLayersModel of the decoder reproduce the play view's samples", async () => {
    // A real (tiny) label-gaussian run, so the prior has moved away from N(0, I).
    const trainSet = mnistSubset("train", 256);
    const testSet = mnistSubset("t10k", 20);
    const config = resolveConfig("cvae-label", {
      latentDim: 3,
      encoderHidden: [24],
      decoderHidden: [24],
      batchSize: 32,
      trainSize: 256,
      testSize: 20,
      epochs: 2,
      learningRate: 5e-3,
      prior: "label-gaussian",
    });
    const data = {
      trainImages: trainSet.images,
      trainLabels: trainSet.labels,
      trainCount: 256,
      testImages: testSet.images,
      testLabels: testSet.labels,
      testCount: 20,
    };
    const hooks = quietHooks();
    const trained = (await train(config, data, hooks)).models;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-prior-export-"));
    await exportModel(dir, await checkpointArtifacts(trained, 2, undefined, false));
    disposeVae(trained);

    const fetchImpl = folderFetch(dir);
    const play = await loadPlayModel("http://checkpoint.test", { fetchImpl });
    assert.equal(play.prior.kind, "label-gaussian");
    const grid = assertNoLeak(() => priorGrid(play, { rows: 2, cols: 3, temperature: 1, seed: 11, digit: 7 }));
    const rows = labelRowsGrid(play, { cols: 4, temperature: 0.8, seed: 12 });

    // "Any page": plain JSON, the stock loader, and the recipe of docs/api.md — no code of ours but the noise.
    const meta = JSON.parse(fs.readFileSync(path.join(dir, "meta.json"), "utf8")) as {
      prior: { kind: string; mean: number[][]; logVar: number[][] };
      latentDim: number;
    };
    assert.equal(meta.prior.kind, "label-gaussian");
    assert.ok(
      meta.prior.mean.flat().some((v) => Math.abs(v) > 0.01),
      "the exported prior is the learned one, not N(0, I)",
    );
    const decoder = await tf.loadLayersModel("http://checkpoint.test/decoder/model.json", { fetchFunc: fetchImpl });
    const pageSamples = (digits: number[], eps: Float32Array, temperature: number): Uint8Array => {
      const L = meta.latentDim;
      const rowsIn = digits.map((d, s) => {
        const z = Array.from(
          { length: L },
          (_, j) => meta.prior.mean[d]![j]! + temperature * Math.exp(0.5 * meta.prior.logVar[d]![j]!) * eps[s * L + j]!,
        );
        return [...z, ...Array.from({ length: 10 }, (_, k) => (k === d ? 1 : 0))];
      });
      const out = tf.tidy(() => decoder.predict(tf.tensor2d(rowsIn)) as tf.Tensor);
      const probs = out.dataSync();
      out.dispose();
      return probsToBytes(probs);
    };
    const L = meta.latentDim;
    assert.deepEqual(
      pageSamples(new Array<number>(6).fill(7), sampleLatents(L, 6, 1, 11), 1),
      grid.pixels,
      "the digit grid",
    );
    const eps = sampleLatents(L, 4, 1, 12);
    const allEps = new Float32Array(40 * L);
    for (let d = 0; d < 10; d++) allEps.set(eps, d * 4 * L);
    const digits = Array.from({ length: 40 }, (_, i) => Math.floor(i / 4));
    assert.deepEqual(pageSamples(digits, allEps, 0.8), rows.pixels, "the digit-rows grid");
    decoder.dispose();
    disposePlayModel(play);
  });
});
