import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RunView } from "../../../lib/contracts/session";
import type { StartJob } from "../../../server/scheduler/types";
import { startTrainingJob } from "../../../server/training/trainingWorker";
import {
  client,
  createSession,
  databases,
  idleStartJob,
  join,
  startServer,
  tinyOverrides,
  waitUntil,
  type Client,
} from "./helpers";

/**
 * Wraps the real worker to see what each job was started with and which epochs it produced. With
 * `dieAfterFirstCheckpoint`, the scheduler hears nothing after the first checkpoint and the job's `done` waits for
 * terminate(): the server sees exactly what a process that died right after storing checkpoint 1 would have left,
 * however fast the remaining epochs train (a tiny run finishes all its epochs in well under a second).
 */
function observedStartJob(opts: { dieAfterFirstCheckpoint?: boolean } = {}) {
  const jobs: { resumeEpoch: number | undefined; epochs: number[]; checkpoints: number[] }[] = [];
  const start: StartJob = (config, startOpts) => {
    const seen = { resumeEpoch: startOpts.resumeFrom?.meta.epoch, epochs: [] as number[], checkpoints: [] as number[] };
    jobs.push(seen);
    let silenced = false;
    const job = startTrainingJob(config, {
      ...startOpts,
      onEvent: (e) => {
        if (silenced) return;
        if (e.type === "epoch") seen.epochs.push(e.epoch);
        if (e.type === "checkpoint") {
          seen.checkpoints.push(e.epoch);
          silenced = opts.dieAfterFirstCheckpoint === true;
        }
        startOpts.onEvent(e);
      },
    });
    if (!opts.dieAfterFirstCheckpoint) return job;
    let release!: () => void;
    const terminated = new Promise<void>((resolve) => (release = resolve));
    return {
      ...job,
      done: job.done.then(async (result) => {
        await terminated;
        return result;
      }),
      terminate: async () => {
        release();
        await job.terminate();
      },
    };
  };
  return { start, jobs };
}

for (const db of databases) {
  describe(`scheduling and restarts (${db.name})`, { skip: db.skip }, () => {
    test("restart: a run interrupted after a checkpoint resumes from epoch k+1 on a new app and finishes", async () => {
      const database = await db.create();
      try {
        const epochs = 4;
        const first = observedStartJob({ dieAfterFirstCheckpoint: true });
        const app1 = await startServer({ databaseUrl: database.url, startJob: first.start });
        const created = await createSession(app1.base, {
          runs: [{ preset: "vae-seed", overrides: tinyOverrides({ epochs, trainSize: 600, batchSize: 50 }) }],
        });
        const sessionRuns = await app1.repos.runs.listBySession(created.id);
        const runId = sessionRuns[0]!.id;
        // Close once the first checkpoint is stored (and announced): mid-run, as far as the server knows.
        await waitUntil(async () => (await app1.repos.checkpoints.list(runId)).length >= 1, 60_000, "first checkpoint");
        await app1.stop();
        assert.deepEqual(first.jobs[0]!.checkpoints, [1], "the server heard of checkpoint 1 only");

        const second = observedStartJob();
        const app2 = await startServer({ databaseUrl: database.url, startJob: second.start });
        try {
          const stored = await app2.repos.runs.get(runId);
          const latest = (await app2.repos.checkpoints.list(runId)).at(-1)!;
          assert.ok(latest.epoch < epochs, `interrupted mid-run (latest checkpoint ${latest.epoch} of ${epochs})`);
          await waitUntil(
            async () => (await app2.repos.runs.get(runId))!.status === "done",
            90_000,
            "resumed run done",
          );
          assert.ok(stored, "the run survived the restart");
          assert.equal(second.jobs.length, 1);
          assert.equal(second.jobs[0]!.resumeEpoch, latest.epoch, "resumed from the latest checkpoint");
          assert.equal(second.jobs[0]!.epochs[0], latest.epoch + 1, "first epoch after the restart is k+1");
          const metrics = await app2.repos.metrics.listEpochs(runId);
          assert.deepEqual(
            metrics.map((m) => m.epoch),
            [1, 2, 3, 4],
            "every epoch once",
          );
          const ckpts = await app2.repos.checkpoints.list(runId);
          assert.deepEqual(
            ckpts.map((c) => c.epoch),
            [1, 2, 3, 4],
          );
          const steps = await app2.repos.metrics.listSteps(runId);
          const gs = steps.map((s) => s.globalStep);
          assert.deepEqual(
            gs,
            [...gs].sort((a, b) => a - b),
            "step points stay ordered",
          );
          assert.equal(new Set(gs).size, gs.length, "no duplicate step points");
        } finally {
          await app2.stop();
        }
      } finally {
        await database.drop();
      }
    });

    test("autostart: false survives a restart: the runs keep waiting for their owner's start, then train when started", async () => {
      const database = await db.create();
      try {
        // Before the restart: one run holds the only slot (never finishing), one waits in the queue, one waits for its owner.
        const app1 = await startServer({
          databaseUrl: database.url,
          startJob: idleStartJob().start,
          maxConcurrentRuns: 1,
        });
        await createSession(app1.base, { runs: [{ preset: "vae-seed", overrides: tinyOverrides() }] });
        const queuedBefore = await createSession(app1.base, {
          runs: [{ preset: "vae-seed", overrides: tinyOverrides() }],
        });
        const created = await createSession(app1.base, {
          runs: [{ preset: "vae-seed", overrides: tinyOverrides() }],
          autostart: false,
        });
        await app1.stop(); // a real restart: a new app (new scheduler, new process state) on the same database

        const started: string[] = [];
        const app2 = await startServer({
          databaseUrl: database.url,
          startJob: (config, opts) => {
            started.push(config.preset);
            return startTrainingJob(config, opts);
          },
        });
        try {
          const waiting = await app2.repos.runs.listBySession(created.id);
          await waitUntil(
            async () => (await app2.repos.runs.listBySession(queuedBefore.id))[0]!.status === "done",
            60_000,
            "the queued run trains after the restart",
          );
          await new Promise((r) => setTimeout(r, 300));
          const view = (await (await fetch(`${app2.base}/api/sessions/${created.id}`)).json()) as { runs: RunView[] };
          assert.equal(view.runs[0]!.status, "queued", "still waiting");
          assert.equal(view.runs[0]!.queuePosition, undefined, "not in the queue");
          assert.equal((await app2.repos.runs.get(waiting[0]!.id))!.status, "queued");
          assert.equal(started.length, 1, "only the run that was waiting in the queue was started");

          const start = await fetch(`${app2.base}/api/sessions/${created.id}/control`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${created.ownerToken}` },
            body: JSON.stringify({ action: "start" }),
          });
          assert.equal(start.status, 200, await start.clone().text());
          await waitUntil(
            async () => (await app2.repos.runs.get(waiting[0]!.id))!.status === "done",
            60_000,
            "started by its owner, it trains",
          );
        } finally {
          await app2.stop();
        }
      } finally {
        await database.drop();
      }
    });

    test("a run without a checkpoint becomes interrupted on restart", async () => {
      const database = await db.create();
      try {
        const app1 = await startServer({
          databaseUrl: database.url,
          startJob: () => ({
            done: new Promise(() => {}),
            pause() {},
            resume() {},
            stop() {},
            terminate: async () => {},
          }),
        });
        const created = await createSession(app1.base, { runs: [{ preset: "vae-seed", overrides: tinyOverrides() }] });
        await waitUntil(
          async () => (await app1.repos.runs.listBySession(created.id))[0]!.status === "training",
          10_000,
        );
        await app1.stop();
        const app2 = await startServer({ databaseUrl: database.url });
        try {
          const run = (await app2.repos.runs.listBySession(created.id))[0]!;
          assert.equal(run.status, "interrupted");
          const view = (await (await fetch(`${app2.base}/api/sessions/${created.id}`)).json()) as { runs: RunView[] };
          assert.match(view.runs[0]!.error ?? "", /restarted before the first checkpoint/);
        } finally {
          await app2.stop();
        }
      } finally {
        await database.drop();
      }
    });

    test("MAX_CONCURRENT_RUNS=1: the second run waits as 'queued, position 1', then trains", async () => {
      const database = await db.create();
      const app = await startServer({ databaseUrl: database.url, maxConcurrentRuns: 1 });
      const sockets: Client[] = [];
      try {
        const created = await createSession(app.base, {
          runs: [
            { preset: "vae-seed", overrides: tinyOverrides({ epochs: 3 }) },
            { preset: "cvae-label", overrides: tinyOverrides({ epochs: 2 }) },
          ],
        });
        const viewer = client(app.base);
        sockets.push(viewer);
        const statuses: string[] = [];
        viewer.on("run:status", (s) =>
          statuses.push(`${s.run.index}:${s.run.status}${s.run.queuePosition ? `@${s.run.queuePosition}` : ""}`),
        );
        const snap = await join(viewer, created.id);
        const [r0, r1] = snap.session.runs;
        assert.ok(r0 && r1);
        assert.equal(r1.status, "queued");
        assert.equal(r1.queuePosition, 1);
        if (r0.status === "queued") assert.equal(r0.queuePosition, undefined, "about to start");
        const view = (await (await fetch(`${app.base}/api/sessions/${created.id}`)).json()) as { runs: RunView[] };
        assert.equal(view.runs[1]!.queuePosition, 1);
        await waitUntil(() => statuses.includes("1:done"), 90_000, "second run done");
        const i0done = statuses.indexOf("0:done");
        const i1training = statuses.indexOf("1:training");
        assert.ok(
          i0done >= 0 && i1training > i0done,
          `second run trains only after the first is done: ${statuses.join(", ")}`,
        );
        assert.equal(app.app.scheduler.activeCount(), 0);
      } finally {
        for (const s of sockets) s.disconnect();
        await app.stop();
        await database.drop();
      }
    });
  });
}
