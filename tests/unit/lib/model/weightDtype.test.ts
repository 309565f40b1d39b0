import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { captureModel, loadModel } from "../../../../lib/model/artifacts";
import { buildVae, disposeVae } from "../../../../lib/model/build";
import { resolveConfig } from "../../../../lib/model/config";
import { fromFloat16 } from "../../../../lib/model/float16";
import { storedWeightDtype, weightSpecsOf, withWeightDtype } from "../../../../lib/model/weightDtype";
import { useWasm } from "../tfWasm";

before(useWasm);

const predict = (m: tf.LayersModel, x: tf.Tensor) => tf.tidy(() => Array.from((m.predict(x) as tf.Tensor).dataSync()));

test("float32 -> float16 matches captureModel({ float16 }) byte for byte; -> float32 is the same object", async () => {
  const m = buildVae(resolveConfig("cvae-label", { latentDim: 4, encoderHidden: [24], decoderHidden: [24] }));
  const full = await captureModel(m.decoder);
  const half = await captureModel(m.decoder, { float16: true });
  assert.equal(storedWeightDtype(full), "float32");
  assert.equal(storedWeightDtype(half), "float16");
  assert.equal(withWeightDtype(full, "float32"), full);
  assert.equal(withWeightDtype(half, "float16"), half);

  const converted = withWeightDtype(full, "float16");
  assert.equal(storedWeightDtype(converted), "float16");
  assert.deepEqual(new Uint8Array(converted.weightData), new Uint8Array(half.weightData));
  assert.deepEqual(weightSpecsOf(converted), weightSpecsOf(half));
  assert.equal(converted.modelJson.modelTopology, full.modelJson.modelTopology);
  assert.equal(weightSpecsOf(full)[0]?.quantization, undefined, "the stored model is not modified");
  disposeVae(m);
});

test("float16 -> float32 widens exactly: the stock loader gives identical outputs for both encodings", async () => {
  const m = buildVae(resolveConfig("vae-seed", { latentDim: 3, encoderHidden: [16], decoderHidden: [16] }));
  const half = await captureModel(m.decoder, { float16: true });
  const wide = withWeightDtype(half, "float32");
  assert.equal(storedWeightDtype(wide), "float32");
  assert.equal(wide.weightData.byteLength, half.weightData.byteLength * 2);
  assert.deepEqual(new Float32Array(wide.weightData), fromFloat16(new Uint16Array(half.weightData)));
  assert.deepEqual(
    new Uint8Array(withWeightDtype(wide, "float16").weightData),
    new Uint8Array(half.weightData),
    "round trip",
  );

  const z = tf.tensor2d([[0.3, -1.2, 2]]);
  const [a, b] = [await loadModel(half), await loadModel(wide)];
  assert.deepEqual(predict(a, z), predict(b, z));
  [a, b, z].forEach((t) => t.dispose());
  disposeVae(m);
});

test("withWeightDtype refuses what it cannot re-encode", () => {
  const model = (weights: tf.io.WeightsManifestEntry[], bytes: number) => ({
    modelJson: { weightsManifest: [{ paths: ["weights.bin"], weights }] },
    weightData: new ArrayBuffer(bytes),
  });
  assert.throws(
    () => withWeightDtype(model([{ name: "k", shape: [2], dtype: "int32" }], 8), "float16"),
    /only float32/,
  );
  assert.throws(
    () =>
      withWeightDtype(
        model([{ name: "k", shape: [2], dtype: "float32", quantization: { dtype: "uint8", scale: 1, min: 0 } }], 2),
        "float32",
      ),
    /only float32/,
  );
  assert.throws(() => withWeightDtype(model([{ name: "k", shape: [4], dtype: "float32" }], 8), "float16"), /too short/);
  assert.throws(
    () => withWeightDtype(model([{ name: "k", shape: [1], dtype: "float32" }], 8), "float16"),
    /does not describe/,
  );
});
