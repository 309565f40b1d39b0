import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { buildVae, type VaeModels } from "../../../../lib/model/build";
import { resolveConfig } from "../../../../lib/model/config";
import { captureModel, conditionLayout } from "../../../../lib/model/artifacts";
import type { CheckpointArtifacts } from "../../../../lib/contracts/training";
import { exportModel, readExport } from "../../../../server/export/exportModel";

let models: VaeModels;

/** Checkpoint artifacts built from the public artifacts API (what the trainer hands onCheckpoint). */
async function checkpoint(
  m: VaeModels,
  epoch: number,
  _metrics: undefined,
  float16: boolean,
): Promise<CheckpointArtifacts> {
  const c = m.config;
  return {
    meta: {
      preset: c.preset,
      config: c,
      epoch,
      dataset: c.dataset,
      condition: conditionLayout(c.condition),
      latentDim: c.latentDim,
      float16,
      createdAt: new Date().toISOString(),
    },
    encoder: await captureModel(m.encoder, { float16 }),
    decoder: await captureModel(m.decoder, { float16 }),
  };
}
let server: http.Server;
let base: string;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "vae-export-"));

before(async () => {
  assert.equal(await tf.setBackend("wasm"), true);
  await tf.ready();
  models = buildVae(resolveConfig("cvae-label", { encoderHidden: [32], decoderHidden: [24], latentDim: 3 }));
  // A static file server over the export folder: what the browser (or the app server) does.
  server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(root) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": file.endsWith(".json") ? "application/json" : "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  models.encoder.dispose();
  models.decoder.dispose();
  await new Promise((r) => server.close(r));
});

/** Decoder and encoder outputs of `m` on fixed inputs (label condition: z ++ one-hot). */
function outputs(enc: tf.LayersModel, dec: tf.LayersModel): { e: Float32Array; d: Float32Array } {
  return tf.tidy(() => {
    const x = tf.concat([tf.randomUniform([4, 784], 0, 1, "float32", 1), tf.oneHot([1, 2, 3, 4], 10).toFloat()], 1);
    const z = tf.concat([tf.randomNormal([4, 3], 0, 1, "float32", 2), tf.oneHot([5, 6, 7, 8], 10).toFloat()], 1);
    return {
      e: (enc.predict(x) as tf.Tensor).dataSync() as Float32Array,
      d: (dec.predict(z) as tf.Tensor).dataSync() as Float32Array,
    };
  });
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

test("export -> stock tf.loadLayersModel(url) over http gives identical outputs; meta round-trips", async () => {
  const dir = path.join(root, "f32");
  const artifacts = await checkpoint(models, 3, undefined, false);
  await exportModel(dir, artifacts);
  for (const f of [
    "encoder/model.json",
    "encoder/weights.bin",
    "decoder/model.json",
    "decoder/weights.bin",
    "meta.json",
  ]) {
    assert.ok(fs.existsSync(path.join(dir, f)), f);
  }
  const enc = await tf.loadLayersModel(`${base}/f32/encoder/model.json`);
  const dec = await tf.loadLayersModel(`${base}/f32/decoder/model.json`);
  const want = outputs(models.encoder, models.decoder);
  const got = outputs(enc, dec);
  assert.equal(maxDiff(want.e, got.e), 0);
  assert.equal(maxDiff(want.d, got.d), 0);
  enc.dispose();
  dec.dispose();
  const back = await readExport(dir);
  assert.deepEqual(back.meta, artifacts.meta);
  assert.deepEqual(new Uint8Array(back.decoder.weightData), new Uint8Array(artifacts.decoder.weightData));
  assert.equal(back.meta.condition.kind, "label");
});

test("float16 export is half the bytes and loads with the stock loader within float16 tolerance", async () => {
  const dir = path.join(root, "f16");
  const f32 = await checkpoint(models, 1, undefined, false);
  await exportModel(dir, await checkpoint(models, 1, undefined, true));
  const size = (p: string): number => fs.statSync(path.join(dir, p)).size;
  assert.equal(size("decoder/weights.bin"), f32.decoder.weightData.byteLength / 2);
  const enc = await tf.loadLayersModel(`${base}/f16/encoder/model.json`);
  const dec = await tf.loadLayersModel(`${base}/f16/decoder/model.json`);
  const want = outputs(models.encoder, models.decoder);
  const got = outputs(enc, dec);
  assert.ok(maxDiff(want.d, got.d) < 2e-3, `decoder diff ${maxDiff(want.d, got.d)}`);
  assert.ok(maxDiff(want.e, got.e) < 2e-2, `encoder diff ${maxDiff(want.e, got.e)}`);
  assert.equal((await readExport(dir)).meta.float16, true);
  enc.dispose();
  dec.dispose();
});

test("re-exporting overwrites the files in place and leaves no temporary files", async () => {
  const dir = path.join(root, "twice");
  await exportModel(dir, await checkpoint(models, 1, undefined, false));
  await exportModel(dir, await checkpoint(models, 2, undefined, false));
  assert.equal((await readExport(dir)).meta.epoch, 2);
  const all = fs.readdirSync(dir, { recursive: true }).map(String);
  assert.deepEqual(
    all.filter((f) => f.endsWith(".tmp")),
    [],
  );
});

test("readExport of a folder without an export is a clear error", async () => {
  await assert.rejects(readExport(path.join(root, "nothing")), /no export in .*meta\.json missing/);
});
