import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveConfig } from "../../../../lib/model/config";
import { SessionPortal, type PortalListener, type PortalSocket } from "../../../../app/client/sessionPortal";
import type { SessionAction } from "../../../../app/client/sessionState";

/** Records emits, lets the test fire server events and answer acks. */
class FakeSocket implements PortalSocket {
  connected = false;
  handlers = new Map<string, PortalListener[]>();
  emits: { event: string; payload: unknown; ack?: (res: unknown) => void }[] = [];
  on(e: string, fn: PortalListener) {
    this.handlers.set(e, [...(this.handlers.get(e) ?? []), fn]);
  }
  off(e: string, fn: PortalListener) {
    this.handlers.set(
      e,
      (this.handlers.get(e) ?? []).filter((f) => f !== fn),
    );
  }
  emit(event: string, ...args: unknown[]) {
    const [payload, ack] = args;
    this.emits.push({ event, payload, ack: typeof ack === "function" ? (ack as (res: unknown) => void) : undefined });
  }
  connects = 0;
  connect() {
    this.connects++;
  }
  disconnect() {
    this.connected = false;
  }
  fire(e: string, arg?: unknown) {
    if (e === "connect") this.connected = true;
    if (e === "disconnect") this.connected = false;
    for (const fn of this.handlers.get(e) ?? []) fn(arg);
  }
  joins() {
    return this.emits.filter((x) => x.event === "session:join");
  }
}

const snapshotData = (seq: number) => ({
  session: {
    id: "s1",
    title: "t",
    dataset: "mnist",
    createdAt: "2026-11-26T17:00:00.000Z",
    runs: [
      { id: "r1", index: 0, preset: "vae-seed", config: resolveConfig("vae-seed"), status: "training", createdAt: "x" },
    ],
  },
  runs: { r1: { epochs: [], steps: [], progress: null, checkpoints: [] } },
  // Browsers receive Socket.IO binary as ArrayBuffer: the portal must hand the reducer a Uint8Array.
  grids: [{ runId: "r1", epoch: 1, kind: "prior", rows: 1, cols: 1, pixels: new ArrayBuffer(784) }],
  gridEpochs: { r1: [1] },
  viewers: 2,
  isOwner: false,
  seq,
});

function setup() {
  const socket = new FakeSocket();
  const actions: SessionAction[] = [];
  const portal = new SessionPortal({
    sessionId: "s1",
    socket,
    dispatch: (a) => actions.push(a),
    joinTimeoutMs: 50,
    serverDisconnectRetryMs: 10,
  });
  portal.open();
  return { socket, actions, portal };
}

test("joins with the protocol version on connect and re-joins on every reconnect", () => {
  const { socket, actions, portal } = setup();
  socket.fire("connect");
  assert.deepEqual(socket.joins()[0]?.payload, { sessionId: "s1", protocol: 1 });
  socket.joins()[0]?.ack?.({ data: snapshotData(3) });
  const snap = actions.find((a) => a.type === "snapshot");
  assert.ok(snap?.type === "snapshot");
  assert.ok(snap.snapshot.grids[0]?.pixels instanceof Uint8Array);
  socket.fire("disconnect");
  socket.fire("connect");
  assert.equal(socket.joins().length, 2);
  assert.deepEqual(
    actions.map((a) => a.type),
    ["join-started", "snapshot", "disconnected", "join-started"],
  );
  portal.close();
});

test("a late ack of an older join is ignored", () => {
  const { socket, actions, portal } = setup();
  socket.fire("connect");
  socket.fire("disconnect");
  socket.fire("connect");
  socket.joins()[0]?.ack?.({ data: snapshotData(1) });
  assert.equal(actions.filter((a) => a.type === "snapshot").length, 0);
  socket.joins()[1]?.ack?.({ data: snapshotData(2) });
  assert.equal(actions.filter((a) => a.type === "snapshot").length, 1);
  portal.close();
});

test("malformed deltas are dropped, valid ones become reducer deltas", () => {
  const { socket, actions, portal } = setup();
  const warn = console.warn;
  console.warn = () => {};
  try {
    socket.fire("run:progress", { seq: 1, runId: "r1", loss: "nope" });
  } finally {
    console.warn = warn;
  }
  socket.fire("run:status", { seq: 2, run: snapshotData(0).session.runs[0] });
  socket.fire("presence:updated", { viewers: 4 });
  assert.deepEqual(
    actions.map((a) => (a.type === "delta" ? `delta:${a.delta.type}` : a.type)),
    ["delta:status", "presence"],
  );
  portal.close();
});

test("gallery events go through the portal as seq-numbered deltas like every other delta", () => {
  const { socket, actions, portal } = setup();
  const item = {
    id: "g1",
    sessionId: "s1",
    checkpointId: null,
    kind: "generation",
    title: "Generated digits",
    meta: {},
    createdAt: "2026-12-01T00:00:00.000Z",
    imageUrl: "/api/gallery/g1/image.png",
  };
  socket.fire("gallery:created", { seq: 3, item });
  socket.fire("gallery:deleted", { seq: 4, itemId: "g1" });
  assert.deepEqual(
    actions.map((a) => (a.type === "delta" ? `delta:${a.delta.type}:${a.delta.seq}` : a.type)),
    ["delta:gallery-created:3", "delta:gallery-deleted:4"],
  );
  portal.close();
});

test("a join error becomes a sentence that says what to do, and a silent server times out", async () => {
  const { socket, actions, portal } = setup();
  socket.fire("connect");
  socket.joins()[0]?.ack?.({ error: { code: "not_found", message: "session not found" } });
  const failed = actions.find((a) => a.type === "join-failed");
  assert.ok(failed?.type === "join-failed" && /does not exist/.test(failed.message));
  socket.fire("disconnect");
  socket.fire("connect"); // no answer this time
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(actions.filter((a) => a.type === "join-failed").length, 2);
  portal.close();
});

test("close stops listening and leaves the room", () => {
  const { socket, actions, portal } = setup();
  socket.fire("connect");
  portal.close();
  assert.ok(socket.emits.some((e) => e.event === "session:leave"));
  const before = actions.length;
  socket.fire("presence:updated", { viewers: 9 });
  assert.equal(actions.length, before);
});

test("after the server closes the socket itself (restart), the portal reconnects; after a network drop it leaves it to Socket.IO", async () => {
  const { socket, portal } = setup();
  const initial = socket.connects; // open() connects once
  socket.fire("connect");
  socket.fire("disconnect", "transport close");
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(socket.connects, initial);
  socket.fire("connect");
  socket.fire("disconnect", "io server disconnect");
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(socket.connects, initial + 1);
  portal.close();
});

test("a closed portal does not reconnect", async () => {
  const { socket, portal } = setup();
  const initial = socket.connects;
  socket.fire("connect");
  socket.fire("disconnect", "io server disconnect");
  portal.close();
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(socket.connects, initial);
});
