import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { captureModel, conditionLayout, loadModel } from "../../../../lib/model/artifacts";
import { buildVae, disposeVae } from "../../../../lib/model/build";
import { conditionWidth, resolveConfig } from "../../../../lib/model/config";
import { useWasm } from "../tfWasm";

before(useWasm);

function outputs(model: tf.LayersModel, input: tf.Tensor2D): Float32Array {
  return tf.tidy(() => (model.predict(input) as tf.Tensor).dataSync() as Float32Array);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

test("captureModel writes a stock model.json (weights.bin manifest) that both loaders read back exactly", async () => {
  const m = buildVae(resolveConfig("cvae-label", { latentDim: 6, encoderHidden: [32], decoderHidden: [32] }));
  const exported = await captureModel(m.decoder);
  const json = exported.modelJson as {
    format: string;
    modelTopology: unknown;
    weightsManifest: { paths: string[]; weights: { name: string; dtype: string }[] }[];
  };
  assert.equal(json.format, "layers-model");
  assert.deepEqual(json.weightsManifest[0]?.paths, ["weights.bin"]);
  assert.deepEqual(
    json.weightsManifest[0].weights.map((w) => w.name),
    ["dec_dense_0/kernel", "dec_dense_0/bias", "dec_pixels/kernel", "dec_pixels/bias"],
  );
  assert.equal(exported.weightData.byteLength, m.decoder.countParams() * 4);
  // Survives a JSON round trip, as it will on disk.
  const onDisk = {
    modelJson: JSON.parse(JSON.stringify(exported.modelJson)) as Record<string, unknown>,
    weightData: exported.weightData.slice(0),
  };

  const input = tf.randomNormal<tf.Rank.R2>([5, 16], 0, 1, "float32", 9);
  const viaHelper = await loadModel(onDisk);
  const stock = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology as object,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
      weightData: onDisk.weightData,
    }),
  );
  const want = outputs(m.decoder, input);
  assert.equal(maxDiff(outputs(viaHelper, input), want), 0);
  assert.equal(maxDiff(outputs(stock, input), want), 0);
  [viaHelper, stock, input].forEach((t) => t.dispose());
  disposeVae(m);
});

test("float16 export halves weights.bin, declares float32 + float16 quantization, and loads within tolerance", async () => {
  const m = buildVae(resolveConfig("vae-seed", { latentDim: 8, encoderHidden: [64], decoderHidden: [64] }));
  const full = await captureModel(m.encoder);
  const half = await captureModel(m.encoder, { float16: true });
  assert.equal(half.weightData.byteLength * 2, full.weightData.byteLength);
  const specs = (
    half.modelJson as { weightsManifest: { weights: { dtype: string; quantization?: { dtype: string } }[] }[] }
  ).weightsManifest[0]!.weights;
  assert.ok(specs.every((s) => s.dtype === "float32" && s.quantization?.dtype === "float16"));
  const loaded = await loadModel(half);
  const input = tf.randomUniform<tf.Rank.R2>([4, 784], 0, 1, "float32", 4);
  const want = outputs(m.encoder, input);
  const got = outputs(loaded, input);
  const scale = Math.max(...Array.from(want, Math.abs));
  assert.ok(maxDiff(got, want) < 5e-3 * scale, `float16 drift ${maxDiff(got, want)} (scale ${scale})`);
  assert.ok(maxDiff(got, want) > 0, "weights really were rounded");
  [loaded, input].forEach((t) => t.dispose());
  disposeVae(m);
});

test("loadModel rejects a model.json without topology or manifest", async () => {
  await assert.rejects(loadModel({ modelJson: {}, weightData: new ArrayBuffer(0) }), /modelTopology/);
});

test("conditionLayout reports the widths the models use", () => {
  for (const kind of ["none", "label", "inpaint"] as const) {
    const layout = conditionLayout(kind);
    assert.equal(layout.kind, kind);
    assert.equal(layout.width, conditionWidth(kind));
    assert.ok(layout.layout.length > 10);
  }
  assert.match(conditionLayout("inpaint").layout, /1 = observed/);
});

test("models loaded back from artifacts give the same negElbo as the originals (fast path reads their layers)", async () => {
  const { negElbo } = await import("../../../../lib/model/vae");
  const m = buildVae(resolveConfig("vae-seed", { latentDim: 4, encoderHidden: [16, 8], decoderHidden: [8, 16] }));
  const loaded = {
    encoder: await loadModel(await captureModel(m.encoder)),
    decoder: await loadModel(await captureModel(m.decoder)),
    prior: null,
    config: m.config,
  };
  tf.tidy(() => {
    const x = tf.randomUniform<tf.Rank.R2>([6, 784], 0, 1, "float32", 2);
    const eps = tf.randomNormal<tf.Rank.R2>([6, 4], 0, 1, "float32", 3);
    const a = negElbo(m, x, null, eps, 1).loss.dataSync()[0]!;
    const b = negElbo(loaded, x, null, eps, 1).loss.dataSync()[0]!;
    assert.equal(a, b);
  });
  disposeVae(m);
  disposeVae(loaded);
});
