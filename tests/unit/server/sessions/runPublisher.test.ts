import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createMemoryRepositories } from "../../../../server/repositories/memory";
import { RunPublisher } from "../../../../server/sessions/runPublisher";
import { RunRecorder } from "../../../../server/sessions/runRecorder";
import type { AppendFence, LogRecord, SessionLog } from "../../../../server/sessions/sessionLog";
import { comparisonRow } from "../../lib/contracts/comparisonRow";
import { epochEvent, seedSessionRun } from "../../../support/runFixtures";
import { fakeArtifacts, progress, until } from "../scheduler/fakes";

/** A log that records what was appended and what the database held at that moment. */
function recordingLog(check: (record: LogRecord) => Promise<string>, refuse = () => false) {
  const appended: { event: string; seq: number | null; sawInDb: string }[] = [];
  let seq = 0;
  const log: SessionLog = {
    async append(_sessionId: string, record: LogRecord, _fence?: AppendFence) {
      const sawInDb = await check(record);
      const s = refuse() ? null : ++seq;
      appended.push({ event: record.event, seq: s, sawInDb });
      return s;
    },
    open: async () => {},
    head: async () => seq,
    subscribe: () => () => {},
    drop: async () => {},
    close: async () => {},
  };
  return { log, appended };
}

async function setup(opts: { refuse?: () => boolean } = {}) {
  const repos = createMemoryRepositories();
  const recorder = new RunRecorder(repos, () => {});
  const { run } = await seedSessionRun(repos);
  const { log, appended } = recordingLog(async (record) => {
    if (record.event === "run:epoch")
      return `epochs:${(await repos.metrics.listEpochs(run.id)).map((e) => e.epoch).join(",")}`;
    if (record.event === "run:progress" && record.step)
      return `steps:${(await repos.metrics.listSteps(run.id)).map((s) => s.globalStep).join(",")}`;
    if (record.event === "run:samples") return `grids:${(await repos.grids.epochs(run.id)).join(",")}`;
    if (record.event === "run:latent") return `latent:${(await repos.latent.epochs(run.id)).join(",")}`;
    if (record.event === "run:evaluation")
      return `evaluation:${(await repos.evaluations.get(run.id))?.row.iwaeNegLogLik ?? "none"}`;
    return "";
  }, opts.refuse);
  const publisher = new RunPublisher({
    repos,
    recorder,
    log,
    durable: true,
    progressIntervalMs: 0,
    logError: () => {},
  });
  await publisher.begin(run, { runId: run.id, token: "t1" });
  return { repos, recorder, publisher, run, appended };
}

const grid = { kind: "prior" as const, rows: 1, cols: 1, pixels: new Uint8Array(784) };

describe("RunPublisher (durable, as trainers run it)", () => {
  test("appends an entry only once what it announces is in the database, in order", async () => {
    const { publisher, run, appended } = await setup();
    publisher.workerEvent(run.id, { type: "progress", ...progress(1, 1) });
    publisher.workerEvent(run.id, { type: "progress", ...progress(1, 2) });
    publisher.workerEvent(run.id, epochEvent(1));
    publisher.workerEvent(run.id, { type: "samples", epoch: 1, grids: [grid] });
    publisher.workerEvent(run.id, { type: "checkpoint", epoch: 1, artifacts: fakeArtifacts(1) });
    await until(() => appended.some((a) => a.event === "run:checkpoint"));
    await publisher.end(run.id);
    assert.deepEqual(
      appended.map((a) => a.event),
      ["run:progress", "run:progress", "run:epoch", "run:samples", "run:checkpoint"],
    );
    assert.deepEqual(
      appended.map((a) => a.seq),
      [1, 2, 3, 4, 5],
    );
    assert.match(appended[0]!.sawInDb, /^steps:1\b/, "the kept step point was stored before its progress entry");
    assert.equal(appended[1]!.sawInDb, "steps:1,2");
    assert.equal(appended[2]!.sawInDb, "epochs:1", "the epoch's metrics were stored before its entry");
    assert.equal(appended[3]!.sawInDb, "grids:1");
  });

  test("a resumed run's replayed epoch is dropped; a begin after a restart learns what the database holds", async () => {
    const { repos, recorder, publisher, run, appended } = await setup();
    publisher.workerEvent(run.id, epochEvent(1));
    await publisher.end(run.id);
    await recorder.flushAll();
    await publisher.begin(run);
    publisher.workerEvent(run.id, epochEvent(1));
    publisher.workerEvent(run.id, epochEvent(2));
    await publisher.end(run.id);
    assert.deepEqual(
      appended.filter((a) => a.event === "run:epoch").map((a) => a.sawInDb),
      ["epochs:1", "epochs:1,2"],
    );
    assert.deepEqual(
      (await repos.metrics.listEpochs(run.id)).map((e) => e.epoch),
      [1, 2],
    );
  });

  test("latent scatters and the evaluation: stored before their entries; a replayed epoch's scatter is dropped", async () => {
    const { repos, recorder, publisher, run, appended } = await setup();
    const projection = { method: "identity" as const, mean: null, axes: null, explained: null };
    const latent = (e: number) => ({
      type: "latent" as const,
      epoch: e,
      projection,
      points: new Float32Array([e, -e]),
      labels: new Uint8Array([e]),
    });
    publisher.workerEvent(run.id, latent(1));
    await until(() => appended.some((a) => a.event === "run:latent"));
    await publisher.end(run.id);
    await recorder.flushAll();
    await publisher.begin(run); // resumed: epoch 1 replays
    publisher.workerEvent(run.id, latent(1));
    publisher.workerEvent(run.id, latent(2));
    const row = comparisonRow({ run: run.id, latentDim: 2, epoch: 2, iwaeNegLogLik: 147.5 });
    publisher.workerEvent(run.id, { type: "evaluation", epoch: 2, row, seconds: 1.5, notes: ["n"] });
    await until(() => appended.some((a) => a.event === "run:evaluation"));
    await publisher.end(run.id);
    assert.deepEqual(
      appended.map((a) => [a.event, a.sawInDb]),
      [
        ["run:latent", "latent:1"],
        ["run:latent", "latent:1,2"],
        ["run:evaluation", "evaluation:147.5"],
      ],
    );
    const stored = await repos.evaluations.get(run.id);
    assert.deepEqual([stored?.seconds, stored?.notes], [1.5, ["n"]]);
    assert.deepEqual(Array.from((await repos.latent.byEpoch(run.id, 2))!.points), [2, -2]);
  });

  test("a refused append (fenced out) is reported once per refusal", async () => {
    let refuse = false;
    const { publisher, run } = await setup({ refuse: () => refuse });
    const fenced: string[] = [];
    publisher.onFenced = (r) => fenced.push(r.id);
    publisher.workerEvent(run.id, epochEvent(1));
    await publisher.end(run.id);
    assert.deepEqual(fenced, []);
    await publisher.begin(run);
    refuse = true;
    publisher.workerEvent(run.id, epochEvent(2));
    await publisher.end(run.id);
    assert.deepEqual(fenced, [run.id]);
  });

  test("once an append is refused (the run was taken elsewhere), nothing more of the run is written or appended", async () => {
    let refuse = false;
    const { publisher, run, repos, appended } = await setup({ refuse: () => refuse });
    publisher.workerEvent(run.id, { type: "progress", ...progress(1, 1) });
    await until(() => appended.length === 1);
    refuse = true;
    publisher.workerEvent(run.id, epochEvent(1)); // refused: the run's ownership moved
    await until(() => appended.length === 2);
    const stepsBefore = (await repos.metrics.listSteps(run.id)).map((s) => s.globalStep);
    publisher.workerEvent(run.id, { type: "progress", ...progress(2, 500) });
    publisher.workerEvent(run.id, epochEvent(2));
    publisher.workerEvent(run.id, { type: "samples", epoch: 2, grids: [grid] });
    await publisher.end(run.id);
    assert.equal(appended.length, 2, "no entry after the refusal");
    assert.deepEqual(
      (await repos.metrics.listSteps(run.id)).map((s) => s.globalStep),
      stepsBefore,
    );
    assert.deepEqual(
      (await repos.metrics.listEpochs(run.id)).map((e) => e.epoch),
      [1],
    );
    assert.deepEqual(await repos.grids.epochs(run.id), []);
  });

  test("an abandoned run's pending progress is dropped, not written, when its job ends", async () => {
    const { publisher, run, repos, appended } = await setup();
    const slow = new RunPublisher({
      repos,
      recorder: new RunRecorder(repos, () => {}),
      log: { ...recordingLog(async () => "").log },
      durable: true,
      progressIntervalMs: 60_000, // progress waits in the throttle
      logError: () => {},
    });
    await slow.begin(run, { runId: run.id, token: "t2" });
    slow.workerEvent(run.id, { type: "progress", ...progress(1, 1) }); // goes out at once (first of the interval)
    slow.workerEvent(run.id, { type: "progress", ...progress(1, 2) }); // waits
    slow.abandon(run.id);
    await slow.end(run.id);
    assert.deepEqual(
      (await repos.metrics.listSteps(run.id)).map((s) => s.globalStep),
      [1],
      "the waiting progress was not written",
    );
    assert.equal(appended.length, 0);
    await publisher.end(run.id);
  });
});
