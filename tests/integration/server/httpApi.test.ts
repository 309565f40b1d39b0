import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import type { CheckpointView, SessionView } from "../../../lib/contracts/session";
import { loadModel } from "../../../lib/model/artifacts";
import { createSession, databases, firstRunDone, startServerOn, tinyOverrides } from "./helpers";

const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

for (const db of databases) {
  describe(`HTTP API (${db.name})`, { skip: db.skip }, () => {
    let server: Awaited<ReturnType<typeof startServerOn>>;
    let session: Awaited<ReturnType<typeof createSession>>;
    let runId = "";
    const url = (p: string) => `${server.base}${p}`;

    before(async () => {
      server = await startServerOn(db);
      session = await createSession(server.base, {
        title: "api test",
        runs: [{ preset: "vae-seed", overrides: tinyOverrides({ epochs: 2 }) }],
      });
      runId = await firstRunDone(server.base, session.id, 90_000, "tiny run done");
    });
    after(() => server.close());

    test("POST /api/sessions: 201 with share/control URLs and an httpOnly owner cookie; 400 names the bad field", async () => {
      assert.match(session.shareUrl, new RegExp(`/s/${session.id}$`));
      assert.equal(session.controlUrl, `${session.shareUrl}?owner=${session.ownerToken}`);
      assert.equal(session.cookie, `owner_${session.id}=${session.ownerToken}`);
      const bad = await fetch(
        url("/api/sessions"),
        json({ runs: [{ preset: "vae-seed", overrides: { latentDim: 1000 } }] }),
      );
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { error: { message: string } }).error.message, /latentDim/);
      assert.equal((await fetch(url("/api/sessions"), json({ runs: [] }))).status, 400);
      assert.equal((await fetch(url("/api/sessions"), json({ runs: [{ preset: "nope" }] }))).status, 400);
      const huge = await fetch(url("/api/sessions"), json({ title: "x".repeat(100_000), runs: [] }));
      assert.equal(huge.status, 413);
    });

    test("GET /api/sessions lists recent sessions; GET /api/sessions/:id says who is the owner", async () => {
      const list = (await (await fetch(url("/api/sessions?limit=5"))).json()) as { sessions: SessionView[] };
      assert.ok(list.sessions.some((s) => s.id === session.id && s.title === "api test"));
      assert.equal((await fetch(url("/api/sessions?limit=0"))).status, 400);
      const anon = (await (await fetch(url(`/api/sessions/${session.id}`))).json()) as SessionView & {
        isOwner: boolean;
      };
      assert.equal(anon.isOwner, false);
      assert.equal(anon.runs[0]!.config.trainSize, 200);
      const mine = (await (
        await fetch(url(`/api/sessions/${session.id}`), { headers: { cookie: session.cookie } })
      ).json()) as { isOwner: boolean };
      assert.equal(mine.isOwner, true);
      assert.equal((await fetch(url("/api/sessions/unknown123"))).status, 404);
      assert.equal((await fetch(url("/api/sessions/bad%20id"))).status, 400);
    });

    test("claim: a valid token sets the cookie, an invalid one is 403", async () => {
      const bad = await fetch(url(`/api/sessions/${session.id}/claim`), json({ token: "nope" }));
      assert.equal(bad.status, 403);
      assert.equal(bad.headers.get("set-cookie"), null);
      const ok = await fetch(url(`/api/sessions/${session.id}/claim`), json({ token: session.ownerToken }));
      assert.equal(ok.status, 200);
      assert.match(
        ok.headers.get("set-cookie") ?? "",
        new RegExp(`^owner_${session.id}=${session.ownerToken}; Path=/; HttpOnly; SameSite=Lax`),
      );
    });

    test("control: 401 without a token, 403 with another's, 409 when nothing applies, 400 on a bad action", async () => {
      const post = (body: unknown, headers: Record<string, string> = {}) =>
        fetch(url(`/api/sessions/${session.id}/control`), {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
        });
      assert.equal((await post({ action: "pause" })).status, 401);
      assert.equal((await post({ action: "pause" }, { authorization: "Bearer someone-else" })).status, 403);
      const conflict = await post({ action: "pause" }, { cookie: session.cookie });
      assert.equal(conflict.status, 409, "the run is done: nothing to pause");
      assert.match(((await conflict.json()) as { error: { message: string } }).error.message, /pause/);
      assert.equal((await post({ action: "explode" }, { cookie: session.cookie })).status, 400);
      assert.equal((await post({ action: "pause", runId: "nope" }, { cookie: session.cookie })).status, 404);
    });

    test("fork: anyone gets a new session with the same configuration, owned by the forker", async () => {
      const r = await fetch(url(`/api/sessions/${session.id}/fork`), json({ autostart: false }));
      assert.equal(r.status, 201);
      const fork = (await r.json()) as { id: string; ownerToken: string };
      assert.notEqual(fork.id, session.id);
      assert.notEqual(fork.ownerToken, session.ownerToken);
      const original = (await (await fetch(url(`/api/sessions/${session.id}`))).json()) as SessionView;
      const forked = (await (await fetch(url(`/api/sessions/${fork.id}`))).json()) as SessionView;
      assert.equal(forked.title, "Fork of api test");
      assert.deepEqual(
        forked.runs.map((x) => x.config),
        original.runs.map((x) => x.config),
      );
      assert.equal(forked.runs[0]!.status, "queued");
      // The original owner's token does not control the fork.
      const foreign = await fetch(url(`/api/sessions/${fork.id}/control`), {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${session.ownerToken}` },
        body: JSON.stringify({ action: "delete" }),
      });
      assert.equal(foreign.status, 403);
      const del = await fetch(url(`/api/sessions/${fork.id}/control`), {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${fork.ownerToken}` },
        body: JSON.stringify({ action: "delete" }),
      });
      assert.equal(del.status, 200);
      assert.deepEqual(await del.json(), { runs: [] });
      assert.equal((await fetch(url(`/api/sessions/${fork.id}`))).status, 404);
      assert.equal((await fetch(url(`/api/sessions/nope/fork`), json({}))).status, 404);
    });

    test("metrics as CSV and JSON; grids by epoch as base64 JSON", async () => {
      const csv = await fetch(url(`/api/sessions/${session.id}/runs/${runId}/metrics.csv`));
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
      const lines = (await csv.text()).trim().split("\n");
      assert.equal(lines[0], "epoch,trainLoss,testNegElbo,testRecon,testKl,seconds,imgPerSec");
      assert.equal(lines.length, 3);
      const steps = await (await fetch(url(`/api/sessions/${session.id}/runs/${runId}/metrics.csv?kind=steps`))).text();
      assert.match(steps, /^globalStep,epoch,loss,recon,kl\n\d/);
      const m = (await (await fetch(url(`/api/sessions/${session.id}/runs/${runId}/metrics.json`))).json()) as {
        epochs: unknown[];
        steps: unknown[];
      };
      assert.equal(m.epochs.length, 2);
      assert.ok(m.steps.length >= 2);
      assert.equal((await fetch(url(`/api/sessions/${session.id}/runs/nope/metrics.json`))).status, 404);

      const g = (await (await fetch(url(`/api/sessions/${session.id}/runs/${runId}/grids?epoch=1`))).json()) as {
        epoch: number;
        epochs: number[];
        grids: { kind: string; rows: number; cols: number; pixelsBase64: string }[];
      };
      assert.equal(g.epoch, 1);
      assert.deepEqual(g.epochs, [1, 2]);
      for (const grid of g.grids)
        assert.equal(Buffer.from(grid.pixelsBase64, "base64").length, grid.rows * grid.cols * 784);
      assert.equal((await fetch(url(`/api/sessions/${session.id}/runs/${runId}/grids?epoch=99`))).status, 404);
      assert.equal((await fetch(url(`/api/sessions/${session.id}/runs/${runId}/grids?epoch=x`))).status, 400);
    });

    test("checkpoints: list, files with CORS and cache headers, and stock tf.loadLayersModel over http", async () => {
      const list = (await (await fetch(url(`/api/sessions/${session.id}/checkpoints`))).json()) as {
        checkpoints: CheckpointView[];
      };
      assert.deepEqual(
        list.checkpoints.map((c) => c.epoch),
        [1, 2],
      );
      const last = list.checkpoints[1]!;
      assert.ok(last.decoderBytes > 0);

      const latestUrl = url(`/api/sessions/${session.id}/checkpoints/latest/decoder/model.json`);
      const byIdUrl = url(`/api/sessions/${session.id}/checkpoints/${last.id}/decoder/model.json`);
      const latest = await fetch(latestUrl);
      assert.equal(latest.headers.get("access-control-allow-origin"), "*");
      assert.equal(latest.headers.get("cache-control"), "no-cache");
      const byId = await fetch(byIdUrl);
      assert.equal(byId.headers.get("cache-control"), "public, max-age=31536000, immutable");
      const weights = await fetch(url(`/api/sessions/${session.id}/checkpoints/${last.id}/decoder/weights.bin`));
      assert.equal(weights.headers.get("content-type"), "application/octet-stream");
      assert.equal(weights.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.equal(
        (await weights.arrayBuffer()).byteLength * 2,
        last.decoderBytes,
        "float16 by default; decoderBytes is the stored float32 size",
      );
      const meta = (await (
        await fetch(url(`/api/sessions/${session.id}/checkpoints/latest/meta.json?run=${runId}`))
      ).json()) as { epoch: number; latentDim: number };
      assert.equal(meta.epoch, 2);
      assert.equal(meta.latentDim, 4);
      assert.equal((await fetch(url(`/api/sessions/${session.id}/checkpoints/latest/meta.json?run=nope`))).status, 404);
      assert.equal(
        (await fetch(url(`/api/sessions/${session.id}/checkpoints/nope123/decoder/model.json`))).status,
        404,
      );
      assert.equal((await fetch(url(`/api/sessions/${session.id}/checkpoints/latest/brain/model.json`))).status, 400);

      await tf.setBackend("cpu");
      const z = tf.tensor2d([[0.5, -1, 0.25, 2]]);
      const fromLatest = await tf.loadLayersModel(latestUrl);
      const fromId = await tf.loadLayersModel(byIdUrl);
      const encoder = await tf.loadLayersModel(
        url(`/api/sessions/${session.id}/checkpoints/latest/encoder/model.json?run=${runId}`),
      );
      const a = (fromLatest.predict(z) as tf.Tensor).dataSync();
      const b = (fromId.predict(z) as tf.Tensor).dataSync();
      assert.equal(a.length, 784);
      assert.deepEqual(Array.from(a), Array.from(b), "latest and by-id serve the same weights");
      assert.ok(
        a.every((p) => p >= 0 && p <= 1),
        "sigmoid probabilities",
      );
      assert.deepEqual(encoder.outputs[0]!.shape, [null, 8], "encoder outputs mu ++ logvar");
      for (const m of [fromLatest, fromId, encoder]) m.dispose();
      z.dispose();
    });

    test("checkpoint weights: float16 by default (half the bytes, within 1e-2), ?dtype=float32 exact, bad dtype 400", async () => {
      // The real cvae-label architecture (794-512-z20, 30-512-784) on a tiny data subset: its decoder size is what the Play view downloads.
      const label = await createSession(server.base, {
        title: "dtype test",
        runs: [{ preset: "cvae-label", overrides: { trainSize: 200, testSize: 100, batchSize: 50, epochs: 1 } }],
      });
      const labelRun = await firstRunDone(server.base, label.id, 90_000, "cvae-label run done");
      const [ckpt] = (
        (await (await fetch(url(`/api/sessions/${label.id}/checkpoints`))).json()) as { checkpoints: CheckpointView[] }
      ).checkpoints;
      const byId = `/api/sessions/${label.id}/checkpoints/${ckpt!.id}/decoder`;
      const latest = `/api/sessions/${label.id}/checkpoints/latest/decoder`;

      type Manifest = {
        weightsManifest: { paths: string[]; weights: { dtype: string; quantization?: { dtype: string } }[] }[];
      };
      const manifest = async (u: string) => ((await (await fetch(url(u))).json()) as Manifest).weightsManifest;
      const [half] = await manifest(`${byId}/model.json`);
      assert.deepEqual(half!.paths, ["weights.bin?dtype=float16"]);
      assert.ok(half!.weights.every((w) => w.dtype === "float32" && w.quantization?.dtype === "float16"));
      const [full] = await manifest(`${byId}/model.json?dtype=float32`);
      assert.deepEqual(full!.paths, ["weights.bin?dtype=float32"]);
      assert.ok(full!.weights.every((w) => w.dtype === "float32" && w.quantization === undefined));
      assert.deepEqual((await manifest(`${latest}/model.json?run=${labelRun}&dtype=float32`))[0]!.paths, [
        `../../${ckpt!.id}/decoder/weights.bin?dtype=float32`,
      ]);

      const bytes = async (u: string) => {
        const r = await fetch(url(u));
        assert.equal(r.status, 200, u);
        return new Uint8Array(await r.arrayBuffer());
      };
      const f16 = await bytes(`${byId}/weights.bin`);
      const f32 = await bytes(`${byId}/weights.bin?dtype=float32`);
      console.log(`cvae-label decoder weights.bin: float32 ${f32.byteLength} B, float16 ${f16.byteLength} B`);
      assert.equal(f32.byteLength, ckpt!.decoderBytes);
      assert.equal(f16.byteLength * 2, f32.byteLength);
      assert.ok(f16.byteLength <= 1024 * 1024, "float16 decoder download fits in 1 MB");
      assert.deepEqual(await bytes(`${byId}/weights.bin?dtype=float16`), f16);
      // What tfjs asks for after `model.json?dtype=x` (it appends the model.json's own query).
      assert.deepEqual(await bytes(`${byId}/weights.bin?dtype=float32?dtype=float32`), f32);
      assert.deepEqual(await bytes(`${byId}/weights.bin?dtype=float16?run=${labelRun}`), f16);
      const stored = (await server.repos.checkpoints.get(ckpt!.id))!;
      assert.deepEqual(f32, new Uint8Array(stored.artifacts.decoder.weightData), "float32 is the stored bytes");

      for (const bad of [
        `${byId}/weights.bin?dtype=int8`,
        `${byId}/model.json?dtype=`,
        `${byId}/weights.bin?dtype=float16?dtype=float32`,
        `${latest}/model.json?dtype=bf16`,
      ]) {
        const r = await fetch(url(bad));
        assert.equal(r.status, 400, bad);
        assert.match(((await r.json()) as { error: { message: string } }).error.message, /dtype/);
      }
      const latestWeights = await fetch(url(`${latest}/weights.bin?run=${labelRun}&dtype=float32`));
      assert.equal(latestWeights.headers.get("cache-control"), "no-cache");
      assert.equal((await latestWeights.arrayBuffer()).byteLength, f32.byteLength);

      // Stock tf.loadLayersModel over http: record what it fetches, and compare with the stored float32 model.
      await tf.setBackend("cpu");
      const fetched: string[] = [];
      const fetchFunc = (input: RequestInfo | URL, init?: RequestInit) => {
        fetched.push(input instanceof Request ? input.url : input.toString());
        return fetch(input, init);
      };
      const load = (u: string) => tf.loadLayersModel(url(u), { fetchFunc });
      const input = tf.tidy(() =>
        tf.concat(
          [tf.randomNormal([10, 20], 0, 1.5, "float32", 3), tf.oneHot(tf.range(0, 10, 1, "int32"), 10).toFloat()],
          1,
        ),
      );
      const run = (m: tf.LayersModel) => tf.tidy(() => Float32Array.from((m.predict(input) as tf.Tensor).dataSync()));
      const exact = await loadModel(stored.artifacts.decoder);
      const want = run(exact);
      const maxDiff = (got: Float32Array) => got.reduce((d, v, i) => Math.max(d, Math.abs(v - want[i]!)), 0);
      const cases: [string, string, "exact" | "float16"][] = [
        [`${byId}/model.json`, `${byId}/weights.bin?dtype=float16`, "float16"],
        [`${byId}/model.json?dtype=float32`, `${byId}/weights.bin?dtype=float32?dtype=float32`, "exact"],
        [
          `${latest}/model.json?run=${labelRun}`,
          `${latest}/../../${ckpt!.id}/decoder/weights.bin?dtype=float16?run=${labelRun}`,
          "float16",
        ],
        [
          `${latest}/model.json?run=${labelRun}&dtype=float32`,
          `${latest}/../../${ckpt!.id}/decoder/weights.bin?dtype=float32?run=${labelRun}&dtype=float32`,
          "exact",
        ],
      ];
      for (const [modelUrl, weightsUrl, expect] of cases) {
        fetched.length = 0;
        const m = await load(modelUrl);
        assert.deepEqual(fetched, [url(modelUrl), url(weightsUrl)], "tfjs fetched the weights the manifest names");
        const d = maxDiff(run(m));
        if (expect === "exact") assert.equal(d, 0, `${modelUrl}: float32 is exact`);
        else assert.ok(d > 0 && d < 1e-2, `${modelUrl}: float16 drift ${d}`);
        console.log(
          `  ${modelUrl.replace(label.id, "<s>").replace(ckpt!.id, "<c>")}: max |p - p_float32| = ${d.toExponential(2)}`,
        );
        m.dispose();
      }
      const encoder = await tf.loadLayersModel(
        url(`/api/sessions/${label.id}/checkpoints/${ckpt!.id}/encoder/model.json`),
      );
      assert.deepEqual(encoder.outputs[0]!.shape, [null, 40], "float16 encoder loads too");
      [encoder, exact, input].forEach((t) => t.dispose());
    });
  });
}
