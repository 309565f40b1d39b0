import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ApiError,
  base64ToBytes,
  controlSession,
  createSession,
  explainHttpError,
  fetchGrids,
  listSessions,
  metricsUrl,
} from "../../../../app/client/api";

/** A fetch that records the request and answers with `status` and `body`. */
function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

/** The JSON body a recorded request sent. */
function sentJson(body: RequestInit["body"]): Record<string, unknown> {
  if (typeof body !== "string") throw new Error("the request body is not a JSON string");
  return JSON.parse(body) as Record<string, unknown>;
}

test("createSession posts the body as JSON and parses the response", async () => {
  const { impl, calls } = fakeFetch(201, { id: "s1", shareUrl: "/s/s1", controlUrl: "/s/s1?owner=t", ownerToken: "t" });
  const res = await createSession(
    { runs: [{ preset: "vae-seed", overrides: {} }], dataset: "mnist", autostart: true },
    impl,
  );
  assert.equal(res.id, "s1");
  assert.equal(calls[0]?.url, "/api/sessions");
  assert.equal(calls[0].init.method, "POST");
  assert.deepEqual(sentJson(calls[0].init.body).runs, [{ preset: "vae-seed", overrides: {} }]);
});

test("server errors become ApiErrors that say what to do", async () => {
  const { impl } = fakeFetch(403, { error: { code: "forbidden", message: "not the owner of this session" } });
  await assert.rejects(controlSession("s1", "pause", undefined, impl), (err: unknown) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 403);
    assert.match(err.message, /not the owner of this session/);
    assert.match(err.message, /control link/);
    return true;
  });
});

test("a network failure and an unexpected body are reported differently", async () => {
  const down = (async () => {
    throw new TypeError("fetch failed");
  }) as unknown as typeof fetch;
  await assert.rejects(listSessions(down), /Cannot reach the server/);
  const { impl } = fakeFetch(200, { nonsense: true });
  await assert.rejects(listSessions(impl), /unexpected format/);
});

/** A run as the server sends it (RunView). */
const run = {
  id: "r1",
  index: 0,
  preset: "vae-seed",
  config: {
    preset: "vae-seed",
    condition: "none",
    dataset: "mnist",
    encoderHidden: [8],
    decoderHidden: [8],
    latentDim: 2,
    beta: 1,
    klWarmupEpochs: 0,
    learningRate: 0.001,
    batchSize: 10,
    epochs: 1,
    seed: 1,
    trainSize: 10,
    testSize: 10,
  },
  status: "paused",
  createdAt: "x",
};

test("a session list is { sessions: SessionView[] }, the one shape the server sends; any other is an error", async () => {
  const session = { id: "a", title: "t", dataset: "mnist", createdAt: "2026-11-26T17:00:00Z", runs: [run] };
  const { impl } = fakeFetch(200, { sessions: [session] });
  const list = await listSessions(impl);
  assert.equal(list[0]?.runs[0]?.status, "paused");
  for (const body of [[session], { data: [session] }, { sessions: [{ ...session, runs: [{ preset: "vae-seed" }] }] }]) {
    const other = fakeFetch(200, body);
    await assert.rejects(listSessions(other.impl), /unexpected format/);
  }
});

test("control results are read from { runs }", async () => {
  const { impl, calls } = fakeFetch(200, { runs: [run] });
  const runs = await controlSession("s1", "pause", "r1", impl);
  assert.equal(runs[0]?.status, "paused");
  assert.deepEqual(sentJson(calls[0]?.init.body), { action: "pause", runId: "r1" });
  // Once accepted as "no runs": now an answer without { runs } is reported, never read as an empty list.
  for (const body of [[run], { ok: true }]) {
    await assert.rejects(controlSession("s1", "pause", "r1", fakeFetch(200, body).impl), /unexpected format/);
  }
});

test("older grids decode from base64 and carry the requested epoch", async () => {
  const pixels = new Uint8Array(784).map((_, i) => i % 256);
  const b64 = Buffer.from(pixels).toString("base64");
  const { impl, calls } = fakeFetch(200, {
    runId: "r1",
    epoch: 2,
    epochs: [1, 2],
    grids: [{ kind: "prior", rows: 1, cols: 1, rowLabels: null, pixelsBase64: b64 }],
  });
  const grids = await fetchGrids("s1", "r1", 2, impl);
  assert.equal(calls[0]?.url, "/api/sessions/s1/runs/r1/grids?epoch=2");
  assert.equal(grids[0]?.epoch, 2);
  assert.equal(grids[0].rowLabels, undefined);
  assert.deepEqual(Array.from(grids[0].pixels.slice(0, 3)), [0, 1, 2]);
  assert.deepEqual(Array.from(base64ToBytes("AAEC")), [0, 1, 2]);
});

test("metrics links point at the per-run routes", () => {
  assert.equal(metricsUrl("s1", "r1", "json"), "/api/sessions/s1/runs/r1/metrics.json");
  assert.equal(metricsUrl("s1", "r1", "steps.csv"), "/api/sessions/s1/runs/r1/metrics.csv?kind=steps");
  assert.match(explainHttpError(404), /deleted/);
});
