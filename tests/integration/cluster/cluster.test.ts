import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTcpProxy, type TcpProxy } from "../../../server/cluster/proxy";
import { createTempPgDatabase, PG_SKIP_MESSAGE, TEST_PG_URL } from "../db/pgTestDatabase";
import {
  freePort,
  REDIS_SERVER,
  startAppServer,
  startRedis,
  startTrainer,
  trainerHealth,
  waitFor,
  type ClusterEnv,
  type Proc,
} from "./harness";
import { assertSameHistory, Viewer } from "./viewer";

/**
 * The distributed mode as production runs it: two app servers and two trainers, each its own Node process, one
 * PostgreSQL database and a redis-server of this test's own — killed with SIGKILL and restarted as in real faults.
 */

const skip = !TEST_PG_URL
  ? PG_SKIP_MESSAGE
  : !REDIS_SERVER
    ? "redis-server is not installed: distributed-mode tests skipped (apt-get install redis-server)"
    : undefined;

/** A small model on 12,000 images: ~0.3 s per epoch here (native kernels). */
const run = (over: Record<string, unknown> = {}) => ({
  preset: "vae-seed",
  overrides: {
    trainSize: 12_000,
    testSize: 200,
    batchSize: 50,
    epochs: 6,
    encoderHidden: [256],
    decoderHidden: [256],
    latentDim: 8,
    ...over,
  },
});
/** The seed's VAE on 30,000 images: ~1 s per epoch here, so there is time to kill a process in the middle. */
const longRun = (epochs: number) =>
  run({ trainSize: 30_000, epochs, encoderHidden: [256, 256], decoderHidden: [256, 256], batchSize: 128 });

interface Created {
  id: string;
  ownerToken: string;
}

/** App servers trust X-Forwarded-For here, so each test's sessions count against a client of their own. */
const CREATE_LIMIT = 5;
let clients = 0;

async function create(base: string, body: Record<string, unknown>, client = `10.0.0.${++clients}`): Promise<Created> {
  const r = await fetch(`${base}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client },
    body: JSON.stringify(body),
  });
  assert.equal(r.status, 201, await r.clone().text());
  return (await r.json()) as Created;
}

async function runsOf(
  base: string,
  sessionId: string,
): Promise<{ id: string; status: string; queuePosition?: number; error?: string }[]> {
  const r = await fetch(`${base}/api/sessions/${sessionId}`);
  return ((await r.json()) as { runs: { id: string; status: string; queuePosition?: number }[] }).runs;
}

async function epochsInMetrics(base: string, sessionId: string, runId: string): Promise<number[]> {
  const r = await fetch(`${base}/api/sessions/${sessionId}/runs/${runId}/metrics.json`);
  return ((await r.json()) as { epochs: { epoch: number }[] }).epochs.map((e) => e.epoch);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe(
  "distributed mode: two app servers and two trainers on Redis and PostgreSQL",
  { skip, timeout: 600_000 },
  () => {
    let drop: (() => Promise<void>) | null = null;
    let cluster: ClusterEnv;
    let redisPort: number;
    let redis: Proc;
    const apps: { A: Proc | null; B: Proc | null } = { A: null, B: null };
    const trainers: (Proc | null)[] = [null, null];
    let ports: { A: number; B: number; T: number[] };
    const base = (s: "A" | "B") => `http://127.0.0.1:${ports[s]}`;
    const appEnv = { TRUST_PROXY: "1", SESSION_CREATE_LIMIT: String(CREATE_LIMIT) };
    const all = () => [redis, apps.A, apps.B, ...trainers].filter((p): p is Proc => p !== null);

    /** Runs a test body; on failure, prints what the processes said. */
    const withLogs = (fn: () => Promise<void>) => async () => {
      try {
        await fn();
      } catch (err) {
        for (const p of all()) console.error(p.output.slice(-40).join("\n"));
        throw err;
      }
    };

    before(async () => {
      const db = await createTempPgDatabase(TEST_PG_URL!);
      drop = db.drop;
      redisPort = await freePort();
      redis = await startRedis(redisPort);
      cluster = { databaseUrl: db.url, redisUrl: `redis://127.0.0.1:${redisPort}` };
      ports = { A: await freePort(), B: await freePort(), T: [await freePort(), await freePort()] };
      apps.A = await startAppServer("A", cluster, ports.A, appEnv); // migrates the database first
      [apps.B, trainers[0], trainers[1]] = await Promise.all([
        startAppServer("B", cluster, ports.B, appEnv),
        startTrainer("T1", cluster, ports.T[0]!),
        startTrainer("T2", cluster, ports.T[1]!),
      ]);
    });

    after(async () => {
      Viewer.closeAll();
      await Promise.all(all().map((p) => p.kill("SIGKILL")));
      await drop?.();
    });

    test(
      "every role answers its health endpoint; with SQLite the distributed mode refuses to start, saying why",
      withLogs(async () => {
        const app = (await (await fetch(`${base("A")}/api/health`)).json()) as {
          ok: boolean;
          mode: string;
          redis: string;
        };
        assert.equal(app.ok, true);
        assert.equal(app.mode, "distributed");
        assert.equal(app.redis, "ready");
        const t = await trainerHealth(ports.T[0]!);
        assert.equal(t?.ok, true);
        assert.equal(t.activeRuns, 0);

        const sqlitePort = await freePort();
        const refused = await startAppServer(
          "sqlite",
          { ...cluster, databaseUrl: "file:/tmp/vae-cluster-refused.db" },
          sqlitePort,
        ).then(
          () => null,
          (err: unknown) => err,
        );
        assert.match(String(refused), /exited \(1\) before it was healthy/);
        assert.match(String(refused), /REDIS_URL is set .*DATABASE_URL is SQLite/s, "it says why");
      }),
    );

    test(
      "rate limits hold across app servers: one client's new sessions count on A and B together",
      withLogs(async () => {
        const one = { runs: [run()], autostart: false };
        for (let i = 0; i < CREATE_LIMIT; i++) await create(base(i % 2 === 0 ? "A" : "B"), one, "10.9.9.9");
        for (const server of ["A", "B"] as const) {
          const refused = await fetch(`${base(server)}/api/sessions`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": "10.9.9.9" },
            body: JSON.stringify(one),
          });
          assert.equal(refused.status, 429, `server ${server} knows the client used its ${CREATE_LIMIT} already`);
          assert.ok(Number(refused.headers.get("retry-after")) >= 1);
        }
        await create(base("B"), one, "10.9.9.10"); // another client is not affected
      }),
    );

    test(
      "a session created on A and watched from B: the owner pauses through B, the trainer pauses; every viewer's history equals a late joiner's snapshot",
      withLogs(async () => {
        const created = await create(base("A"), { runs: [run({ epochs: 6 })] });
        const onB = new Viewer(base("B"), created.id, created.ownerToken);
        const onA = new Viewer(base("A"), created.id);
        try {
          await waitFor(
            "presence counts the viewers of both servers",
            () => onA.state.viewers === 2 && onB.state.viewers === 2,
            10_000,
          );
          await waitFor(
            "epoch 2 under way on B",
            () => (onB.run()?.progress?.epoch ?? 0) >= 2 && onB.run()?.view.status === "training",
          );
          const asked = Date.now();
          await onB.control("pause");
          await waitFor("paused seen on A", () => onA.run()?.view.status === "paused", 5000, 10);
          const pausedAfterMs = Date.now() - asked;
          const stepAtPause = onA.run()!.progress!.globalStep;
          await new Promise((r) => setTimeout(r, 1000));
          assert.ok(
            (onA.run()!.progress?.globalStep ?? 0) <= stepAtPause + 1,
            "the trainer stopped training while paused",
          );
          assert.ok(pausedAfterMs < 1500, `pause took effect after ${pausedAfterMs} ms`);

          const resumed = await fetch(`${base("A")}/api/sessions/${created.id}/control`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${created.ownerToken}` },
            body: JSON.stringify({ action: "resume" }),
          });
          assert.equal(resumed.status, 200);
          await waitFor(
            "done on both",
            () => onA.run()?.view.status === "done" && onB.run()?.view.status === "done",
            120_000,
          );
          await new Promise((r) => setTimeout(r, 300)); // a checkpoint entry may trail the final status

          const late = new Viewer(base("A"), created.id);
          await waitFor("late joiner", () => late.state.connection === "live");
          assertSameHistory(onB, late, "B's live history = a late joiner's snapshot on A");
          assertSameHistory(onA, late, "A's live history = a late joiner's snapshot on A");
          assert.deepEqual(
            late.run()!.epochs.map((e) => e.epoch),
            range(6),
          );
          assert.deepEqual(
            late.run()!.latent.map((l) => l.epoch),
            range(6),
            "every epoch's latent scatter in the snapshot",
          );
          assert.equal(late.run()!.latent[5]!.count, 200);
          assert.equal(late.run()!.evaluation?.row.iwaeK, 100, "the trainer evaluated the finished run");
          for (const v of [onA, onB]) {
            assert.deepEqual(v.gaps, [], "no gaps");
            assert.deepEqual(v.duplicates, [], "no duplicates");
          }
          assert.ok(onB.statuses.includes("paused") && onB.statuses.includes("done"));
          await waitFor("a third viewer counted on B", () => onB.state.viewers === 3, 10_000);
          late.close();
          await waitFor(
            "and uncounted when it leaves A",
            () => onB.state.viewers === 2 && onA.state.viewers === 2,
            10_000,
          );
          console.log(`  pause reached the trainer and every viewer in ${pausedAfterMs} ms`);
        } finally {
          onA.close();
          onB.close();
        }
      }),
    );

    test(
      "stop and delete sent to one app server reach the trainer holding the run within 1 s; the other server's viewers hear of the deletion",
      withLogs(async () => {
        const command = (server: "A" | "B", created: Created, action: string) =>
          fetch(`${base(server)}/api/sessions/${created.id}/control`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${created.ownerToken}` },
            body: JSON.stringify({ action }),
          });
        const held = async (runId: string) =>
          (await Promise.all(ports.T.map(trainerHealth))).some((h) => h?.runs.includes(runId));

        const toStop = await create(base("A"), { runs: [longRun(10)] });
        const stopViewer = new Viewer(base("A"), toStop.id);
        const toDelete = await create(base("A"), { runs: [longRun(10)] });
        const deleteViewer = new Viewer(base("A"), toDelete.id);
        try {
          await waitFor(
            "both training",
            () => stopViewer.run()?.view.status === "training" && deleteViewer.run()?.view.status === "training",
            60_000,
          );
          let asked = Date.now();
          assert.equal((await command("B", toStop, "stop")).status, 200);
          // The trainer writes "stopped" when it acts on the command: a viewer on A seeing it proves the command arrived.
          await waitFor("viewer on A sees stopped", () => stopViewer.run()?.view.status === "stopped", 5000, 10);
          const stopMs = Date.now() - asked;
          const stepAtStop = stopViewer.run()!.progress?.globalStep ?? 0;
          const stopRun = stopViewer.state.runOrder[0]!;
          await waitFor(
            "the trainer let go of the stopped run (after its current step and pending writes)",
            async () => !(await held(stopRun)),
            15_000,
            20,
          );
          assert.ok((stopViewer.run()!.progress?.globalStep ?? 0) <= stepAtStop + 1, "no training after the stop");

          asked = Date.now();
          assert.equal((await command("B", toDelete, "delete")).status, 200);
          const deleteRun = deleteViewer.state.runOrder[0]!;
          await waitFor("the trainer let go of the deleted run", async () => !(await held(deleteRun)), 5000, 20);
          const deleteMs = Date.now() - asked;
          await waitFor("viewer on A hears of the deletion", () => deleteViewer.state.connection === "deleted", 5000);
          assert.equal((await fetch(`${base("A")}/api/sessions/${toDelete.id}`)).status, 404);
          assert.ok(
            stopMs < 1000 && deleteMs < 1000,
            `stop reached the trainer in ${stopMs} ms, delete in ${deleteMs} ms`,
          );
          console.log(
            `  stop reached the trainer in ${stopMs} ms, delete in ${deleteMs} ms (including the HTTP round trip)`,
          );
        } finally {
          stopViewer.close();
          deleteViewer.close();
        }
      }),
    );

    test(
      "four runs on two trainers: two train, two wait at positions 1 and 2 on either server, and move up as runs finish",
      withLogs(async () => {
        const sessions: Created[] = [];
        for (let i = 0; i < 4; i++)
          sessions.push(await create(base(i % 2 === 0 ? "A" : "B"), { runs: [run({ epochs: 5 })] }));
        const viewers = sessions.map((s, i) => new Viewer(base(i % 2 === 0 ? "B" : "A"), s.id));
        try {
          await waitFor("two training, two waiting", async () => {
            const states = await Promise.all(sessions.map(async (s) => (await runsOf(base("B"), s.id))[0]!));
            return (
              states.filter((r) => r.status === "training").length === 2 &&
              states.filter((r) => r.status === "queued").length === 2
            );
          });
          for (const server of ["A", "B"] as const) {
            const positions = await Promise.all(
              sessions.slice(2).map(async (s) => (await runsOf(base(server), s.id))[0]!.queuePosition),
            );
            assert.deepEqual(positions, [1, 2], `queue positions as server ${server} reports them`);
          }
          await waitFor(
            "viewers see their positions",
            () => viewers[2]!.run()?.view.queuePosition === 1 && viewers[3]!.run()?.view.queuePosition === 2,
            60_000,
          );
          await waitFor(
            "the fourth moves up to position 1",
            () => viewers[3]!.run()?.view.queuePosition === 1 || viewers[3]!.run()?.view.status !== "queued",
            60_000,
          );
          await waitFor("all done", () => viewers.every((v) => v.run()?.view.status === "done"), 120_000);
          for (const v of viewers) {
            assert.deepEqual(v.gaps, []);
            assert.deepEqual(v.duplicates, []);
          }
        } finally {
          for (const v of viewers) v.close();
        }
      }),
    );

    test(
      "SIGKILL of the trainer holding a run: the other trainer finishes it from its checkpoint, epochs continuous",
      withLogs(async () => {
        const epochs = 10;
        const created = await create(base("A"), { runs: [longRun(epochs)] });
        const viewer = new Viewer(base("B"), created.id);
        try {
          await waitFor("checkpoint 2", () => (viewer.run()?.checkpoints.length ?? 0) >= 2, 60_000);
          const runId = viewer.state.runOrder[0]!;
          const healths = await Promise.all(ports.T.map(trainerHealth));
          const holder = healths.findIndex((h) => h?.runs.includes(runId));
          assert.ok(holder >= 0, "a trainer holds the run");
          const epochAtKill = viewer.run()!.epochs.length;
          await trainers[holder]!.kill("SIGKILL");
          const killedAt = Date.now();
          const other = 1 - holder;
          await waitFor(
            "the other trainer takes the run over",
            async () => (await trainerHealth(ports.T[other]!))?.runs.includes(runId) ?? false,
            60_000,
            100,
          );
          const takeoverSeconds = (Date.now() - killedAt) / 1000;
          trainers[holder] = await startTrainer(`T${holder + 1}'`, cluster, ports.T[holder]!);
          await waitFor("done", () => viewer.run()?.view.status === "done", 120_000);
          assert.deepEqual(
            await epochsInMetrics(base("A"), created.id, runId),
            range(epochs),
            "metrics.json: epochs 1..N, each once",
          );
          assert.deepEqual(
            viewer.run()!.epochs.map((e) => e.epoch),
            range(epochs),
          );
          assert.deepEqual(
            viewer.epochsSeen.filter((e, i, a) => a.indexOf(e) !== i),
            [],
            "no epoch announced twice",
          );
          assert.deepEqual(viewer.gaps, []);
          assert.deepEqual(viewer.duplicates, []);
          assert.ok(takeoverSeconds < 60, `taken over after ${takeoverSeconds} s`);
          console.log(
            `  killed at epoch ${epochAtKill}; the other trainer took the run over after ${takeoverSeconds.toFixed(1)} s`,
          );
        } finally {
          viewer.close();
        }
      }),
    );

    test(
      "SIGKILL of the app server a viewer is on: the viewer reconnects through the proxy to the other one, with no gap",
      withLogs(async () => {
        let proxy: TcpProxy | null = null;
        try {
          proxy = await startTcpProxy([
            { host: "127.0.0.1", port: ports.A },
            { host: "127.0.0.1", port: ports.B },
          ]);
          const created = await create(base("B"), { runs: [longRun(8)] });
          const viewer = new Viewer(`http://127.0.0.1:${proxy.port}`, created.id);
          try {
            await waitFor("live through the proxy", () => viewer.state.connection === "live");
            const landed = proxy.routed.findIndex((n) => n > 0);
            const victim = landed === 0 ? "A" : "B";
            await waitFor("epoch 2", () => (viewer.run()?.epochs.length ?? 0) >= 2, 60_000);
            await apps[victim]!.kill("SIGKILL");
            await waitFor(
              "reconnected with a fresh snapshot",
              () => viewer.snapshots >= 2 && viewer.state.connection === "live",
              30_000,
            );
            await waitFor("done", () => viewer.run()?.view.status === "done", 120_000);
            await new Promise((r) => setTimeout(r, 300));
            const survivor = victim === "A" ? "B" : "A";
            const late = new Viewer(base(survivor), created.id);
            await waitFor("late joiner", () => late.state.connection === "live");
            assertSameHistory(viewer, late, "nothing missed across the reconnect");
            assert.deepEqual(viewer.gaps, []);
            assert.deepEqual(viewer.duplicates, []);
            late.close();
            apps[victim] = await startAppServer(victim, cluster, ports[victim], appEnv);
          } finally {
            viewer.close();
          }
        } finally {
          await proxy?.close();
        }
      }),
    );

    test(
      "Redis killed and restarted empty in the middle of a run: every process reconnects and the run still finishes, epochs continuous",
      withLogs(async () => {
        const epochs = 8;
        const created = await create(base("A"), { runs: [longRun(epochs)] });
        const viewer = new Viewer(base("B"), created.id);
        try {
          await waitFor("checkpoint 2", () => (viewer.run()?.checkpoints.length ?? 0) >= 2, 60_000);
          const runId = viewer.state.runOrder[0]!;
          await redis.kill("SIGKILL");
          redis = await startRedis(redisPort);
          const restartedAt = Date.now();
          await waitFor("done", async () => (await runsOf(base("A"), created.id))[0]!.status === "done", 120_000, 200);
          const recoverySeconds = (Date.now() - restartedAt) / 1000;
          assert.deepEqual(await epochsInMetrics(base("B"), created.id, runId), range(epochs));
          await waitFor("the viewer sees it done", () => viewer.run()?.view.status === "done", 30_000);
          await new Promise((r) => setTimeout(r, 300));
          const late = new Viewer(base("A"), created.id);
          await waitFor("late joiner", () => late.state.connection === "live");
          assertSameHistory(viewer, late, "nothing missed across the Redis restart");
          assert.deepEqual(viewer.gaps, []);
          assert.deepEqual(viewer.duplicates, []);
          late.close();
          console.log(
            `  finished ${recoverySeconds.toFixed(1)} s after Redis came back (viewer snapshots: ${viewer.snapshots})`,
          );
        } finally {
          viewer.close();
        }
      }),
    );
  },
);

describe(
  "distributed mode, small deployment: one app server that trains too (EMBEDDED_TRAINER=1)",
  { skip, timeout: 300_000 },
  () => {
    test("a run trains to the end with no trainer process", async () => {
      const db = await createTempPgDatabase(TEST_PG_URL!);
      const procs: Proc[] = [];
      try {
        const redisPort = await freePort();
        procs.push(await startRedis(redisPort));
        const port = await freePort();
        const cluster = { databaseUrl: db.url, redisUrl: `redis://127.0.0.1:${redisPort}` };
        procs.push(await startAppServer("solo", cluster, port, { EMBEDDED_TRAINER: "1" }));
        const url = `http://127.0.0.1:${port}`;
        const created = await create(url, { runs: [run({ epochs: 3 })] });
        const viewer = new Viewer(url, created.id);
        try {
          await waitFor("done", () => viewer.run()?.view.status === "done", 120_000);
          assert.deepEqual(
            viewer.run()!.epochs.map((e) => e.epoch),
            [1, 2, 3],
          );
          assert.deepEqual(viewer.gaps, []);
          const health = (await (await fetch(`${url}/api/health`)).json()) as { mode: string };
          assert.equal(health.mode, "distributed");
        } finally {
          viewer.close();
        }
      } catch (err) {
        for (const p of procs) console.error(p.output.slice(-30).join("\n"));
        throw err;
      } finally {
        await Promise.all(procs.map((p) => p.kill("SIGKILL")));
        await db.drop();
      }
    });
  },
);
