import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SessionSnapshot } from "../../../../lib/contracts/socket";
import type { SampleGrid } from "../../../../lib/contracts/training";
import { createMemoryRepositories } from "../../../../server/repositories/memory";
import type { RoomBroadcaster } from "../../../../server/sessions/broadcaster";
import { LiveRooms } from "../../../../server/sessions/liveRooms";
import { RunRecorder } from "../../../../server/sessions/runRecorder";
import { epochEvent, seedSessionRun } from "../../../support/runFixtures";
import { fakeArtifacts, progress, until } from "../scheduler/fakes";

type Sent = { sessionId: string; event: string; payload: Record<string, unknown> };

async function setup(intervalMs = 100) {
  const repos = createMemoryRepositories();
  const sent: Sent[] = [];
  const broadcaster: RoomBroadcaster = {
    emit(sessionId, event, ...args) {
      sent.push({ sessionId, event, payload: args[0] });
    },
  };
  const recorder = new RunRecorder(repos, () => {});
  const rooms = new LiveRooms({
    repos,
    recorder,
    broadcaster,
    queuePosition: () => undefined,
    progressIntervalMs: intervalMs,
    presenceIntervalMs: 0,
  });
  const { session, run } = await seedSessionRun(repos);
  const join = async (isOwner = false): Promise<SessionSnapshot> => {
    let snap: SessionSnapshot | null = null;
    await rooms.join(
      session.id,
      () => ({ count: true, isOwner }),
      (s) => (snap = s),
    );
    return snap!;
  };
  return { repos, rooms, recorder, sent, session, run, join };
}

const grid = (kind: SampleGrid["kind"], fill: number): SampleGrid => ({
  kind,
  rows: 1,
  cols: 2,
  pixels: new Uint8Array(2 * 784).fill(fill),
});

describe("LiveRooms", () => {
  test("deltas carry increasing seq and a snapshot includes exactly the deltas up to its seq", async () => {
    const { rooms, run, sent, join } = await setup(0);
    const first = await join();
    assert.equal(first.seq, 0);
    await rooms.beforeStart(run);
    rooms.workerEvent(run, { type: "progress", ...progress(1, 1) });
    rooms.workerEvent(run, { type: "progress", ...progress(1, 2) });
    rooms.workerEvent(run, epochEvent(1));
    rooms.workerEvent(run, { type: "samples", epoch: 1, grids: [grid("prior", 7)] });
    rooms.workerEvent(run, { type: "checkpoint", epoch: 1, artifacts: fakeArtifacts(1) });
    await until(() => sent.some((s) => s.event === "run:checkpoint"));

    const deltas = sent.filter((s) => "seq" in s.payload);
    const seqs = deltas.map((d) => d.payload.seq as number);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i + 1),
      "seq 1, 2, 3, ... without gaps",
    );
    const late = await join();
    assert.equal(late.seq, seqs.at(-1));
    const r = late.runs[run.id]!;
    assert.deepEqual(
      r.steps.map((s) => s.globalStep),
      [1, 2],
    );
    assert.deepEqual(
      r.epochs.map((e) => e.epoch),
      [1],
    );
    assert.equal(r.checkpoints.length, 1);
    assert.equal(late.grids.length, 1);
    assert.equal(late.grids[0]!.pixels[0], 7);
    assert.deepEqual(late.gridEpochs[run.id], [1]);
    assert.equal(late.viewers, 2);
  });

  test("progress is throttled per room but an epoch end flushes the latest step first", async () => {
    const { rooms, run, sent, join } = await setup(1000);
    await join();
    await rooms.beforeStart(run);
    for (let s = 1; s <= 4; s++) rooms.workerEvent(run, { type: "progress", ...progress(1, s) });
    assert.equal(sent.filter((s) => s.event === "run:progress").length, 1, "only the first goes out at once");
    rooms.workerEvent(run, epochEvent(1));
    const order = sent
      .filter((s) => s.event.startsWith("run:"))
      .map((s) => `${s.event}:${(s.payload.globalStep as number | undefined) ?? ""}`);
    assert.deepEqual(order, ["run:progress:1", "run:progress:4", "run:epoch:"]);
  });

  test("epochs and grids replayed after a resume are not duplicated", async () => {
    const { rooms, run, sent, join } = await setup(0);
    await join();
    await rooms.beforeStart(run);
    const epoch = epochEvent(1);
    rooms.workerEvent(run, epoch);
    rooms.workerEvent(run, epoch);
    rooms.workerEvent(run, { type: "samples", epoch: 1, grids: [grid("prior", 1)] });
    rooms.workerEvent(run, { type: "samples", epoch: 1, grids: [grid("prior", 2)] });
    assert.equal(sent.filter((s) => s.event === "run:epoch").length, 1);
    assert.equal(sent.filter((s) => s.event === "run:samples").length, 1);
  });

  test("presence counts viewers; the last one leaving evicts the room and a reload from the database has the same history", async () => {
    const { rooms, run, recorder, sent, session, join } = await setup(0);
    await join();
    await join();
    assert.deepEqual(
      sent.filter((s) => s.event === "presence:updated").map((s) => s.payload.viewers),
      [1, 2],
    );
    await rooms.beforeStart(run);
    for (let s = 1; s <= 4; s++) rooms.workerEvent(run, { type: "progress", ...progress(1, s) });
    rooms.workerEvent(run, epochEvent(1));
    rooms.workerEvent(run, { type: "samples", epoch: 1, grids: [grid("prior", 3), grid("reconstruction", 4)] });
    rooms.workerEvent(run, { type: "checkpoint", epoch: 1, artifacts: fakeArtifacts(1) });
    await until(() => sent.some((s) => s.event === "run:checkpoint"));
    const before = await join();
    await rooms.afterEnd(run);
    for (let i = 0; i < 3; i++) rooms.leave(session.id);
    assert.equal(rooms.isLoaded(session.id), false, "evicted");
    await recorder.flushAll();
    const after = await join();
    assert.equal(rooms.isLoaded(session.id), true);
    const strip = (s: SessionSnapshot) => ({
      ...s,
      seq: 0,
      viewers: 0,
      runs: Object.fromEntries(Object.entries(s.runs).map(([k, v]) => [k, { ...v, progress: null }])),
    });
    assert.deepEqual(strip(after), strip(before));
  });

  test("presence updates are coalesced: a crowd joining at once does not cost N^2 messages", async () => {
    const repos = createMemoryRepositories();
    const sent: string[] = [];
    const rooms = new LiveRooms({
      repos,
      recorder: new RunRecorder(repos, () => {}),
      broadcaster: {
        emit: (_s, event, ...args) => void sent.push(`${event}:${(args[0] as { viewers?: number }).viewers}`),
      },
      queuePosition: () => undefined,
      presenceIntervalMs: 50,
    });
    const session = await repos.sessions.create({ title: "t", dataset: "mnist", ownerTokenHash: "00" });
    await Promise.all(
      Array.from({ length: 100 }, () =>
        rooms.join(
          session.id,
          () => ({ count: true, isOwner: false }),
          () => {},
        ),
      ),
    );
    assert.ok(sent.length <= 2, `${sent.length} presence messages for 100 joins`);
    await until(() => sent.at(-1) === "presence:updated:100", 1000, "final count announced");
    rooms.leave(session.id);
    await until(() => sent.at(-1) === "presence:updated:99", 1000, "leave announced");
  });

  test("unknown sessions resolve null; emitDelta numbers gallery deltas in the same sequence", async () => {
    const { rooms, sent, session, join } = await setup(0);
    assert.equal(
      await rooms.join(
        "nope",
        () => ({ count: true, isOwner: false }),
        () => assert.fail("no snapshot"),
      ),
      false,
    );
    rooms.emitDelta(session.id, "gallery:deleted", { itemId: "x" }); // not loaded: dropped
    assert.equal(sent.length, 0);
    const snap = await join();
    rooms.emitDelta(session.id, "gallery:deleted", { itemId: "x" });
    assert.deepEqual(sent.at(-1)?.payload, { itemId: "x", seq: snap.seq + 1 });
  });
});
