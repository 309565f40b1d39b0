import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as tf from "@tensorflow/tfjs";
import { buildVae } from "../../../../lib/model/build";
import { resolveConfig } from "../../../../lib/model/config";
import { decodeProbs } from "../../../../lib/play/decode";
import { disposePlayModel, loadPlayModel, toPlayModel, type LoadProgress } from "../../../../lib/play/playModel";
import { useWasm } from "./helpers";

/** Serves a checkpoint folder (meta.json, encoder/, decoder/) from memory, like the app server does. */
async function capture(model: tf.LayersModel): Promise<{ json: unknown; weights: Buffer }> {
  const saved: { out: { json: unknown; weights: Buffer } | null } = { out: null }; // set by the save handler
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const json = {
        format: "layers-model",
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: ["weights.bin"], weights: a.weightSpecs }],
      };
      saved.out = { json, weights: Buffer.from(a.weightData as ArrayBuffer) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  if (!saved.out) throw new Error("save handler not called");
  return saved.out;
}

const config = resolveConfig("cvae-label", { latentDim: 3, encoderHidden: [8], decoderHidden: [8], seed: 3 });
let server: http.Server;
let baseUrl = "";
let built: ReturnType<typeof buildVae>;

before(async () => {
  await useWasm();
  built = buildVae(config);
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const [name, model] of [
    ["encoder", built.encoder],
    ["decoder", built.decoder],
  ] as const) {
    const c = await capture(model);
    files.set(`/ckpt/${name}/model.json`, { type: "application/json", body: Buffer.from(JSON.stringify(c.json)) });
    files.set(`/ckpt/${name}/weights.bin`, { type: "application/octet-stream", body: c.weights });
  }
  const meta = {
    preset: "cvae-label",
    config,
    epoch: 2,
    dataset: "mnist",
    condition: { kind: "label", width: 10, layout: "one-hot" },
    latentDim: 3,
    float16: false,
    createdAt: new Date().toISOString(),
  };
  files.set("/ckpt/meta.json", { type: "application/json", body: Buffer.from(JSON.stringify(meta)) });
  files.set("/bad/meta.json", {
    type: "application/json",
    body: Buffer.from(JSON.stringify({ ...meta, latentDim: 5 })),
  });
  for (const k of ["encoder/model.json", "encoder/weights.bin", "decoder/model.json", "decoder/weights.bin"]) {
    files.set(`/bad/${k}`, files.get(`/ckpt/${k}`)!);
  }
  server = http.createServer((req, res) => {
    const f = files.get(req.url ?? "");
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": f.type }).end(f.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((r) => server.close(() => r())));

describe("loading a checkpoint over HTTP", () => {
  it("loads meta + both models with the stock loader, reports progress to 1, decodes like the original", async () => {
    const seen: LoadProgress[] = [];
    const m = await loadPlayModel(`${baseUrl}/ckpt`, { onProgress: (p) => seen.push(p) });
    assert.equal(m.latentDim, 3);
    assert.equal(m.condition, "label");
    assert.equal(m.meta?.epoch, 2);
    assert.equal(seen.at(-1)?.fraction, 1);
    assert.ok(
      seen.every((p, i) => i === 0 || p.fraction >= (seen[i - 1]?.fraction ?? 0)),
      "progress never goes back",
    );
    const z = [0.5, -1, 0.25];
    assert.deepEqual(decodeProbs(m, z, { digit: 4 }), decodeProbs(toPlayModel(built), z, { digit: 4 }));
    disposePlayModel(m);
  });

  it("runs prepare(meta) while the weights download and builds the models after it (on the backend it chose)", async () => {
    const order: string[] = [];
    const m = await loadPlayModel(`${baseUrl}/ckpt`, {
      prepare: async (meta) => {
        order.push(`prepare epoch ${meta.epoch}`);
        assert.equal(await tf.setBackend("cpu"), true);
        order.push("cpu chosen");
      },
      onProgress: (p) => p.stage === "ready" && order.push("ready"),
    });
    assert.deepEqual(order, ["prepare epoch 2", "cpu chosen", "ready"]);
    assert.equal(tf.getBackend(), "cpu");
    assert.equal(decodeProbs(m, [0, 0, 0], { digit: 1 }).length, 784);
    disposePlayModel(m);
    assert.equal(await tf.setBackend("wasm"), true);
  });

  it("fails clearly on a missing checkpoint and on a meta.json that disagrees with the models", async () => {
    await assert.rejects(loadPlayModel(`${baseUrl}/missing`), /HTTP 404/);
    await assert.rejects(loadPlayModel(`${baseUrl}/bad`), /decoder takes 13 inputs/);
  });
});
