import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { ComparisonRowSchema, COMPARISON_COLUMNS, type RunEvaluationView } from "../../../lib/contracts/comparison";
import type { CheckpointView, RunView, StepPoint } from "../../../lib/contracts/session";
import { toUint8Array, type BinaryInput } from "../../../lib/contracts/binary";
import type { SessionSnapshot, WireLatent } from "../../../lib/contracts/socket";
import type { EpochMetrics } from "../../../lib/contracts/training";
import {
  client,
  connected,
  createSession,
  databases,
  join,
  request,
  runStatus,
  startServer,
  tinyOverrides,
  waitUntil,
  type Client,
  type Running,
} from "./helpers";

/** What a client knows: its snapshot plus the deltas it applied (those with seq > snapshot.seq). */
interface History {
  seqs: number[];
  epochs: EpochMetrics[];
  steps: StepPoint[];
  checkpoints: CheckpointView[];
  grids: Map<string, Buffer>;
  gridEpochs: number[];
  /** Latent scatters by epoch: the bytes of points and labels, and the projection. */
  latent: Map<number, { points: Buffer; labels: Buffer; projection: WireLatent["projection"]; count: number }>;
  evaluation: RunEvaluationView | null;
  status: RunView["status"] | undefined;
  /** Seq of the evaluation delta and of the "done" status delta (their order). */
  evaluationSeq?: number;
  doneSeq?: number;
}

/** The bytes of a binary part, whatever the transport delivered. */
const bytes = (v: BinaryInput) => Buffer.from(toUint8Array(v)!);

const latentBytes = (l: Omit<WireLatent, "points" | "labels"> & { points: BinaryInput; labels: BinaryInput }) => ({
  points: bytes(l.points),
  labels: bytes(l.labels),
  projection: l.projection,
  count: l.count,
});

function follow(socket: Client): { history: () => History; start: (snap: SessionSnapshot, runId: string) => void } {
  let h: History | null = null;
  let snapSeq = 0;
  const buffered: { seq: number; apply: (h: History) => void }[] = [];
  const on = (seq: number, apply: (h: History) => void) => {
    if (!h) return void buffered.push({ seq, apply });
    if (seq <= snapSeq) return; // already in the snapshot
    h.seqs.push(seq);
    apply(h);
  };
  socket.on("run:progress", (p) =>
    on(p.seq, (x) =>
      x.steps.push({ globalStep: p.globalStep, epoch: p.epoch, loss: p.loss, recon: p.recon, kl: p.kl }),
    ),
  );
  socket.on("run:epoch", (e) =>
    on(e.seq, (x) => {
      const { seq: _s, runId: _r, ...m } = e;
      x.epochs.push(m);
    }),
  );
  socket.on("run:samples", (s) =>
    on(s.seq, (x) => {
      x.grids = new Map(s.grids.map((g) => [g.kind, bytes(g.pixels)]));
      x.gridEpochs.push(s.grids[0]!.epoch);
    }),
  );
  socket.on("run:checkpoint", (c) =>
    on(c.seq, (x) => {
      const { seq: _s, ...view } = c;
      x.checkpoints.push(view);
    }),
  );
  socket.on("run:latent", (l) => on(l.seq, (x) => void x.latent.set(l.epoch, latentBytes(l))));
  socket.on("run:evaluation", (e) =>
    on(e.seq, (x) => {
      const { seq, ...view } = e;
      x.evaluation = view;
      x.evaluationSeq = seq;
    }),
  );
  socket.on("run:status", (s) =>
    on(s.seq, (x) => {
      x.status = s.run.status;
      if (s.run.status === "done") x.doneSeq = s.seq;
    }),
  );
  return {
    history: () => h!,
    start(snap, runId) {
      snapSeq = snap.seq;
      const r = snap.runs[runId]!;
      h = {
        seqs: [],
        epochs: [...r.epochs],
        steps: [...r.steps],
        checkpoints: [...r.checkpoints],
        grids: new Map(snap.grids.map((g) => [g.kind, Buffer.from(g.pixels)])),
        gridEpochs: [...(snap.gridEpochs[runId] ?? [])],
        latent: new Map(snap.latent.filter((l) => l.runId === runId).map((l) => [l.epoch, latentBytes(l)])),
        evaluation: r.evaluation,
        status: snap.session.runs.find((x) => x.id === runId)?.status,
      };
      for (const b of buffered.splice(0)) on(b.seq, b.apply);
    },
  };
}

for (const db of databases) {
  describe(`live sessions over Socket.IO (${db.name})`, { skip: db.skip }, () => {
    let server: Running;
    let drop: () => Promise<void> = async () => {};
    const sockets: Client[] = [];
    const open = (cookie?: string, origin?: string) => {
      const s = client(server.base, { cookie, origin });
      sockets.push(s);
      return s;
    };

    test("start a server", async () => {
      const database = await db.create();
      drop = database.drop;
      server = await startServer({ databaseUrl: database.url, progressIntervalMs: 20, workerProgressIntervalMs: 0 });
    });

    test("a late joiner's snapshot equals the history the first client received live", async () => {
      const created = await createSession(server.base, {
        runs: [{ preset: "vae-seed", overrides: tinyOverrides({ epochs: 3, trainSize: 400, batchSize: 20 }) }],
        autostart: false,
      });
      const first = open();
      const live = follow(first);
      const snap = await join(first, created.id);
      const runId = snap.session.runs[0]!.id;
      assert.equal(snap.isOwner, false);
      assert.equal(snap.viewers, 1);
      live.start(snap, runId);

      const owner = open(created.cookie);
      const started = await request<RunView[]>(owner, "session:control", { sessionId: created.id, action: "start" });
      assert.ok("data" in started, JSON.stringify(started));
      await waitUntil(() => live.history().status === "done", 90_000, "run done");
      await waitUntil(() => live.history().checkpoints.length === 3, 5_000, "3 checkpoints");

      const h = live.history();
      assert.deepEqual(
        h.seqs,
        h.seqs.map((_, i) => snap.seq + i + 1),
        "deltas arrive in seq order without gaps",
      );
      assert.ok(h.steps.length >= 3, `received ${h.steps.length} live step points`);

      const lateSocket = open();
      const late = await join(lateSocket, created.id);
      assert.equal(late.seq, h.seqs.at(-1), "the late snapshot includes exactly what was sent");
      const r = late.runs[runId]!;
      assert.deepEqual(r.epochs, h.epochs);
      assert.deepEqual(r.steps, h.steps);
      assert.deepEqual(r.checkpoints, h.checkpoints);
      assert.deepEqual(late.gridEpochs[runId], h.gridEpochs);
      assert.deepEqual(late.gridEpochs[runId], [1, 2, 3]);
      assert.equal(late.grids.length, h.grids.size);
      for (const g of late.grids)
        assert.ok(Buffer.from(g.pixels).equals(h.grids.get(g.kind)!), `grid ${g.kind} identical`);
      assert.equal(late.session.runs[0]!.status, "done");
      assert.equal(late.viewers, 2, "the first client and the late one (the owner only sent a command)");
      assert.deepEqual(
        r.epochs.map((e) => e.epoch),
        [1, 2, 3],
      );

      // The latent scatter: one delta per epoch, all of them in the late joiner's snapshot, byte for byte.
      assert.deepEqual([...h.latent.keys()], [1, 2, 3], "a latent delta each epoch, in order");
      assert.deepEqual(late.latentEpochs[runId], [1, 2, 3]);
      const lateLatent = late.latent.filter((l) => l.runId === runId);
      assert.deepEqual(
        lateLatent.map((l) => l.epoch),
        [1, 2, 3],
      );
      for (const l of lateLatent) {
        const live = h.latent.get(l.epoch)!;
        assert.equal(l.count, 100, "one point per test image (testSize 100)");
        assert.ok(
          latentBytes(l).points.equals(live.points) && latentBytes(l).labels.equals(live.labels),
          `epoch ${l.epoch}: same points and labels`,
        );
        assert.deepEqual(l.projection, live.projection);
        assert.equal(l.projection.method, "pca", "latent 4 is drawn through PCA");
        assert.equal(l.projection.mean?.length, 4);
      }
      assert.ok(!h.latent.get(1)!.points.equals(h.latent.get(3)!.points), "the picture changes as the model trains");

      // The evaluation: streamed before "done", persisted, in the snapshot, and in the CSV.
      const e = h.evaluation;
      assert.ok(e, "an evaluation delta arrived");
      assert.ok(h.evaluationSeq! < h.doneSeq!, "the evaluation is announced before the run is done");
      assert.equal(e.runId, runId);
      assert.equal(e.epoch, 3);
      ComparisonRowSchema.parse(e.row);
      assert.deepEqual([e.row.iwaeK, e.row.iwaeN], [100, 100], "k 100 on the run's 100 test images");
      assert.ok(
        e.row.iwaeNegLogLik! > 0 && e.row.iwaeNegLogLik! <= e.row.testNegElbo + 5,
        `IWAE ${e.row.iwaeNegLogLik} vs −ELBO ${e.row.testNegElbo}`,
      );
      assert.deepEqual(r.evaluation, e, "the late joiner's snapshot has the same evaluation");
      assert.deepEqual((await server.repos.evaluations.get(runId))?.row, e.row, "persisted");
      const csv = await fetch(`${server.base}/api/sessions/${created.id}/comparison.csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
      const lines = (await csv.text()).trim().split("\r\n");
      assert.equal(lines[0], COMPARISON_COLUMNS.join(","));
      assert.equal(lines.length, 2);
      assert.ok(lines[1]!.startsWith(`${runId},vae-seed,mnist,none,standard,4,3,`), lines[1]);
      assert.equal((await fetch(`${server.base}/api/sessions/nope/comparison.csv`)).status, 404);

      // An older epoch's scatter over HTTP (what the slider loads beyond the snapshot's epochs).
      const http1 = (await (
        await fetch(`${server.base}/api/sessions/${created.id}/runs/${runId}/latent?epoch=1`)
      ).json()) as { epoch: number; epochs: number[]; pointsBase64: string; labelsBase64: string };
      assert.deepEqual([http1.epoch, http1.epochs], [1, [1, 2, 3]]);
      assert.ok(Buffer.from(http1.pointsBase64, "base64").equals(h.latent.get(1)!.points));
      assert.equal((await fetch(`${server.base}/api/sessions/${created.id}/runs/${runId}/latent?epoch=9`)).status, 404);
      assert.equal((await fetch(`${server.base}/api/sessions/${created.id}/runs/${runId}/latent?epoch=x`)).status, 400);
    });

    test("a viewer's control attempts are refused and change nothing; the owner's work", async () => {
      const created = await createSession(server.base, {
        runs: [{ preset: "vae-seed", overrides: tinyOverrides({ epochs: 50, trainSize: 1000 }) }],
      });
      const viewer = open();
      const snap = await join(viewer, created.id);
      const runId = snap.session.runs[0]!.id;
      await waitUntil(async () => (await runStatus(server.base, created.id))[0] === "training", 30_000, "training");

      const noToken = await request(viewer, "session:control", { sessionId: created.id, action: "pause" });
      assert.deepEqual(noToken, {
        error: { code: "unauthorized", message: "owner token required: only the session's owner can do this" },
      });
      const wrong = await request(viewer, "session:control", {
        sessionId: created.id,
        action: "delete",
        ownerToken: "x".repeat(43),
      });
      assert.deepEqual(wrong, {
        error: { code: "forbidden", message: "not the owner of this session: watch or fork it instead" },
      });
      const http401 = await fetch(`${server.base}/api/sessions/${created.id}/control`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action: "stop" }),
      });
      assert.equal(http401.status, 401);
      const http403 = await fetch(`${server.base}/api/sessions/${created.id}/control`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer nope" },
        body: JSON.stringify({ action: "stop" }),
      });
      assert.equal(http403.status, 403);
      assert.deepEqual(await runStatus(server.base, created.id), ["training"]);

      // The owner, by cookie on the socket handshake: pause, and the viewer sees it.
      // The owner's cookie riding along on a socket opened by another site's page is ignored.
      const crossSite = open(created.cookie, "http://evil.example");
      assert.equal((await join(crossSite, created.id)).isOwner, false);
      const hijack = await request(crossSite, "session:control", { sessionId: created.id, action: "stop" });
      assert.ok("error" in hijack);
      const owner = open(created.cookie, server.base);
      const ownerSnap = await join(owner, created.id);
      assert.equal(ownerSnap.isOwner, true, "same-origin browser socket with the cookie is the owner");
      const seen = new Promise<string>((resolve) =>
        viewer.on("run:status", (s) => s.run.status === "paused" && resolve(s.run.status)),
      );
      const paused = await request<RunView[]>(owner, "session:control", {
        sessionId: created.id,
        action: "pause",
        runId,
      });
      assert.ok("data" in paused && paused.data[0]!.status === "paused");
      assert.equal(await seen, "paused");
      // ... and by Bearer token over HTTP: stop.
      const stop = await fetch(`${server.base}/api/sessions/${created.id}/control`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${created.ownerToken}` },
        body: JSON.stringify({ action: "stop" }),
      });
      assert.equal(stop.status, 200);
      assert.deepEqual(await runStatus(server.base, created.id), ["stopped"]);
    });

    test("malformed payloads get an error ack and the server keeps serving", async () => {
      const s = open();
      await connected(s);
      for (const bad of [
        undefined,
        null,
        42,
        "x",
        [],
        {},
        { sessionId: "a b", protocol: 1 },
        { sessionId: "abc", protocol: 2 },
        { sessionId: "abc", protocol: 1, extra: true },
      ]) {
        const res = await request(s, "session:join", bad);
        assert.ok("error" in res, `join ${JSON.stringify(bad)} -> ${JSON.stringify(res)}`);
      }
      assert.deepEqual(await request(s, "session:join", { sessionId: "doesnotexist", protocol: 1 }), {
        error: { code: "not_found", message: "session not found" },
      });
      const ctl = await request(s, "session:control", { sessionId: "abc", action: "explode" });
      assert.ok("error" in ctl);
      const leave = await request(s, "session:leave", { nope: 1 });
      assert.ok("error" in leave);
      // No ack function, or a non-function in its place: nothing to reply to, nothing may crash.
      (s.emit as (...a: unknown[]) => void)("session:join", { sessionId: "abc", protocol: 1 });
      (s.emit as (...a: unknown[]) => void)("session:control", { sessionId: "abc", action: "stop" }, 42);
      (s.emit as (...a: unknown[]) => void)("session:unknown-event", { a: 1 });
      // An oversized frame closes that one connection (maxHttpBufferSize) and nothing else.
      const big = open();
      await connected(big);
      const closed = new Promise<void>((resolve) => big.once("disconnect", () => resolve()));
      (big.emit as (...a: unknown[]) => void)("session:join", { sessionId: "x".repeat(200_000), protocol: 1 });
      await closed;
      // Still serving: the same socket and HTTP both answer.
      assert.deepEqual(await request(s, "session:join", { sessionId: "doesnotexist", protocol: 1 }), {
        error: { code: "not_found", message: "session not found" },
      });
      const health = await fetch(`${server.base}/api/health`);
      assert.equal(health.status, 200);
    });

    test("stop the server", async () => {
      for (const s of sockets) s.disconnect();
      await server.stop();
      await drop();
    });
  });
}

after(() => {
  // node:test waits for handles; nothing should be left, but make a hang visible instead of silent.
});
