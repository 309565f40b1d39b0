import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createMemoryRepositories } from "../../../../server/repositories/memory";
import type { Repositories, RunRecord } from "../../../../server/repositories/types";
import { Scheduler } from "../../../../server/scheduler/scheduler";
import type { RunEventSink } from "../../../../server/scheduler/types";
import { AppError } from "../../../../server/errors";
import { fakeArtifacts, fakeStartJob, progress, tinyConfig, until } from "./fakes";

function recordingSink(): RunEventSink & { changes: RunRecord[]; events: string[] } {
  const changes: RunRecord[] = [];
  const events: string[] = [];
  return {
    changes,
    events,
    async beforeStart() {},
    workerEvent(_run, e) {
      events.push(e.type);
    },
    runChanged(run) {
      changes.push(run);
    },
    queueChanged() {},
    async afterEnd() {},
  };
}

async function setup(maxConcurrentRuns = 1, repos: Repositories = createMemoryRepositories(), stoppingWaitMs?: number) {
  const { start, jobs } = fakeStartJob();
  const sink = recordingSink();
  const scheduler = new Scheduler({
    repos,
    startJob: start,
    sink,
    maxConcurrentRuns,
    log: () => {},
    ...(stoppingWaitMs !== undefined ? { stoppingWaitMs } : {}),
  });
  const session = await repos.sessions.create({ title: "t", dataset: "mnist", ownerTokenHash: "00" });
  const newRun = (index: number, status: RunRecord["status"] = "queued", clientHash: string | null = null) =>
    repos.runs.create({ sessionId: session.id, index, preset: "vae-seed", config: tinyConfig(), status, clientHash });
  const status = async (id: string) => (await repos.runs.get(id))!.status;
  return { repos, scheduler, jobs, sink, newRun, status };
}

/** One slot and two runs started: `a` trains (its job is jobs[0]), `b` waits for the slot. */
async function oneTrainingOneWaiting() {
  const ctx = await setup(1);
  const a = await ctx.newRun(0);
  const b = await ctx.newRun(1);
  await ctx.scheduler.start(a.id);
  await ctx.scheduler.start(b.id);
  await until(() => ctx.jobs.length === 1);
  return { ...ctx, a, b };
}

describe("Scheduler", () => {
  test("runs at most maxConcurrentRuns at once; the others wait with 1-based queue positions", async () => {
    const { scheduler, jobs, newRun, status } = await setup(1);
    const a = await newRun(0);
    const b = await newRun(1);
    const c = await newRun(2);
    for (const r of [a, b, c]) await scheduler.start(r.id);
    await until(() => jobs.length === 1, 2000, "first job");
    await scheduler.idle();
    assert.equal(await status(a.id), "training");
    assert.equal(scheduler.queuePosition(b.id), 1);
    assert.equal(scheduler.queuePosition(c.id), 2);
    assert.equal(await status(b.id), "queued");

    jobs[0]!.finish(3);
    await until(() => jobs.length === 2, 2000, "second job");
    await scheduler.idle();
    assert.equal(await status(a.id), "done");
    assert.equal(await status(b.id), "training");
    assert.equal(scheduler.queuePosition(c.id), 1);
    assert.equal(scheduler.queuePosition(b.id), undefined);
  });

  test("two slots start two runs", async () => {
    const { scheduler, jobs, newRun } = await setup(2);
    for (const r of [await newRun(0), await newRun(1), await newRun(2)]) await scheduler.start(r.id);
    await until(() => jobs.length === 2);
    await scheduler.idle();
    assert.equal(scheduler.activeCount(), 2);
  });

  test("pause / resume / stop reach the job and set the status; stop frees the slot", async () => {
    const { scheduler, jobs, status, a, b } = await oneTrainingOneWaiting();
    await scheduler.idle();
    await scheduler.pause(a.id);
    assert.equal(await status(a.id), "paused");
    await assert.rejects(scheduler.pause(b.id), (e: unknown) => e instanceof AppError && e.status === 409);
    await scheduler.resume(a.id);
    assert.equal(await status(a.id), "training");
    await scheduler.stop(a.id);
    assert.equal(await status(a.id), "stopped");
    assert.deepEqual(jobs[0]!.commands, ["pause", "resume", "stop"]);
    jobs[0]!.finish(1, true);
    await until(() => jobs.length === 2, 2000, "queued run to start after stop");
    await scheduler.idle();
    assert.equal(await status(a.id), "stopped", "a stopped run stays stopped when the worker ends");
  });

  test("stopping a queued run removes it from the queue", async () => {
    const { scheduler, jobs, status, b } = await oneTrainingOneWaiting();
    await scheduler.stop(b.id);
    assert.equal(await status(b.id), "stopped");
    assert.equal(scheduler.queuePosition(b.id), undefined);
    jobs[0]!.finish(3);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(jobs.length, 1, "the stopped run never starts");
  });

  test("a worker error marks the run failed with the worker's message and the next run starts", async () => {
    const { scheduler, jobs, repos, a } = await oneTrainingOneWaiting();
    jobs[0]!.fail("out of memory");
    await until(() => jobs.length === 2);
    await scheduler.idle();
    const failed = (await repos.runs.get(a.id))!;
    assert.equal(failed.status, "failed");
    assert.equal(failed.error, "out of memory");
  });

  test("worker status events are ignored; data events go to the sink; ready sets the backend", async () => {
    const { scheduler, jobs, newRun, status, sink, repos } = await setup(1);
    const a = await newRun(0);
    await scheduler.start(a.id);
    await until(() => jobs.length === 1);
    await scheduler.idle();
    jobs[0]!.emit({ type: "status", status: "paused" });
    jobs[0]!.emit({ type: "ready", backend: "wasm" });
    jobs[0]!.emit({ type: "progress", ...progress(1, 1) });
    await until(async () => (await repos.runs.get(a.id))!.backend === "wasm");
    assert.equal(await status(a.id), "training");
    assert.deepEqual(sink.events, ["progress"]);
  });

  test("recovery: training runs with a checkpoint resume from it, paused ones stay paused, none -> interrupted, waiting runs wait again, runs never started stay for their owner", async () => {
    const repos = createMemoryRepositories();
    const { scheduler, jobs, newRun, status } = await setup(2, repos);
    const withCkpt = await newRun(0, "training");
    await repos.checkpoints.add(withCkpt.id, 1, fakeArtifacts(1));
    await repos.checkpoints.add(withCkpt.id, 2, fakeArtifacts(2));
    const pausedRun = await newRun(1, "paused");
    await repos.checkpoints.add(pausedRun.id, 1, fakeArtifacts(1));
    const noCkpt = await newRun(2, "training");
    const queued = await repos.runs.update((await newRun(3, "queued")).id, { queuedAt: new Date() });
    const neverStarted = await newRun(4, "queued"); // created with autostart: false (no queuedAt)

    const result = await scheduler.recover();
    assert.deepEqual(result.interrupted, [noCkpt.id]);
    assert.deepEqual(result.queued, [queued.id]);
    assert.equal(scheduler.queuePosition(neverStarted.id), undefined, "waits for its owner's start");
    await until(() => jobs.length === 2, 2000, "two resumed jobs");
    await scheduler.idle();
    assert.equal(jobs[0]!.opts.resumeFrom?.meta.epoch, 2, "resumes from the latest checkpoint");
    assert.equal(await status(withCkpt.id), "training");
    assert.equal(jobs[1]!.opts.resumeFrom?.meta.epoch, 1);
    assert.deepEqual(jobs[1]!.commands, ["pause"]);
    assert.equal(await status(pausedRun.id), "paused");
    assert.equal(await status(noCkpt.id), "interrupted");
    assert.equal(await status(queued.id), "queued");
    assert.equal(scheduler.queuePosition(queued.id), 1);
  });

  test("shutdown terminates jobs and leaves statuses for the next start to recover", async () => {
    const { scheduler, jobs, newRun, status } = await setup(1);
    const a = await newRun(0);
    await scheduler.start(a.id);
    await until(() => jobs.length === 1);
    await scheduler.idle();
    await scheduler.shutdown();
    assert.deepEqual(jobs[0]!.commands, ["terminate"]);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(await status(a.id), "training");
  });

  test("start refuses finished runs and restarts interrupted ones only from a checkpoint", async () => {
    const { scheduler, newRun, repos } = await setup(1);
    const done = await newRun(0, "done");
    await assert.rejects(scheduler.start(done.id), /cannot start a run that is done/);
    const interrupted = await newRun(1, "interrupted");
    await assert.rejects(scheduler.start(interrupted.id), /without a checkpoint/);
    await repos.checkpoints.add(interrupted.id, 1, fakeArtifacts(1));
    const r = await scheduler.start(interrupted.id);
    assert.equal(r.status, "queued");
  });

  test("fair order: a second client's first run is scheduled before the first client's later runs", async () => {
    const { scheduler, jobs, newRun, sink } = await setup(1);
    const a1 = await newRun(0, "queued", "client-a");
    const a2 = await newRun(1, "queued", "client-a");
    const a3 = await newRun(2, "queued", "client-a");
    for (const r of [a1, a2, a3]) await scheduler.start(r.id);
    await until(() => jobs.length === 1, 2000, "a1 training");
    await scheduler.idle();
    const b1 = await newRun(3, "queued", "client-b");
    const c1 = await newRun(4, "queued", "client-c");
    const b2 = await newRun(5, "queued", "client-b");
    for (const r of [b1, c1, b2]) await scheduler.start(r.id);
    // a2 is client a's 2nd run (rank 2), a3 its 3rd; b1 and c1 are firsts (rank 1, in arrival order), b2 a 2nd (after a2).
    const waiting = [b1, c1, a2, b2, a3];
    assert.deepEqual(
      waiting.map((r) => scheduler.queuePosition(r.id)),
      [1, 2, 3, 4, 5],
    );
    for (let i = 1; i <= waiting.length; i++) {
      jobs[i - 1]!.finish(3);
      await until(() => jobs.length === i + 1, 2000, `job ${i + 1}`);
    }
    await scheduler.idle();
    const trained = sink.changes.filter((r) => r.status === "training").map((r) => r.id);
    assert.deepEqual(
      trained,
      [a1, ...waiting].map((r) => r.id),
      "trained in fair order",
    );
  });

  test("runs of unknown clients (older rows, the CLI) keep first-in-first-out order", async () => {
    const { scheduler, jobs, newRun } = await setup(1);
    const runs = [await newRun(0), await newRun(1), await newRun(2)];
    for (const r of runs) await scheduler.start(r.id);
    await until(() => jobs.length === 1);
    await scheduler.idle();
    assert.deepEqual(
      runs.map((r) => scheduler.queuePosition(r.id)),
      [undefined, 1, 2],
    );
  });

  test("start right after stop waits for the stopping job, then continues from its checkpoint", async () => {
    const { scheduler, jobs, newRun, status, repos } = await setup(1);
    const a = await newRun(0);
    await scheduler.start(a.id);
    await until(() => jobs.length === 1);
    await scheduler.idle();
    await repos.checkpoints.add(a.id, 1, fakeArtifacts(1));
    await scheduler.stop(a.id);
    const restarted = scheduler.start(a.id); // before the job has wound down
    setTimeout(() => jobs[0]!.finish(1, true), 50);
    const r = await restarted;
    assert.equal(r.status, "queued", "not silently ignored");
    await until(() => jobs.length === 2, 2000, "restarted job");
    await scheduler.idle();
    assert.equal(await status(a.id), "training");
    assert.equal(jobs[1]!.opts.resumeFrom?.meta.epoch, 1, "continues after the checkpoint");
  });

  test("start while a stopped job does not end in time answers 409 and says why", async () => {
    const { scheduler, jobs, newRun, status } = await setup(1, createMemoryRepositories(), 50);
    const a = await newRun(0);
    await scheduler.start(a.id);
    await until(() => jobs.length === 1);
    await scheduler.idle();
    await scheduler.stop(a.id);
    await assert.rejects(
      scheduler.start(a.id),
      (e: unknown) => e instanceof AppError && e.status === 409 && /still stopping/.test(e.message),
    );
    assert.equal(await status(a.id), "stopped");
  });

  test("start after stop of a run without a checkpoint answers 409 and says why", async () => {
    const { scheduler, jobs, newRun } = await setup(1);
    const a = await newRun(0);
    await scheduler.start(a.id);
    await until(() => jobs.length === 1);
    await scheduler.idle();
    await scheduler.stop(a.id);
    setTimeout(() => jobs[0]!.finish(0, true), 20);
    await assert.rejects(
      scheduler.start(a.id),
      (e: unknown) => e instanceof AppError && e.status === 409 && /without a checkpoint/.test(e.message),
    );
  });
});
