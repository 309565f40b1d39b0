import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../../lib/contracts/socket";
import { roomName } from "../../../../server/sessions/broadcaster";
import { createSocketServer, socketBroadcaster } from "../../../../server/sockets";

const progress = {
  epoch: 1,
  epochs: 1,
  step: 1,
  stepsPerEpoch: 1,
  globalStep: 1,
  loss: 1,
  recon: 1,
  kl: 0,
  klWeight: 1,
  imgPerSec: 1,
  etaSeconds: 0,
};

test("grid deltas go out in slices yet every socket receives the room's deltas in seq order", async () => {
  const httpServer = http.createServer();
  const io = createSocketServer();
  io.attach(httpServer);
  io.on("connection", (s) => void s.join(roomName("s1")));
  await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", r));
  const port = (httpServer.address() as AddressInfo).port;

  const n = 23; // with slices of 5: five slices, the last one partial
  const received: number[][] = Array.from({ length: n }, () => []);
  const clients: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
  for (let i = 0; i < n; i++) {
    const c: Socket<ServerToClientEvents, ClientToServerEvents> = connect(`http://127.0.0.1:${port}`, {
      transports: ["websocket"],
      forceNew: true,
    });
    c.on("run:progress", (p) => received[i]!.push(p.seq));
    c.on("run:samples", (p) => {
      assert.equal((p.grids[0]!.pixels as unknown as Buffer).length, 784);
      received[i]!.push(p.seq);
    });
    clients.push(c);
  }
  await new Promise<void>((resolve) => {
    const check = () => (io.sockets.adapter.rooms.get(roomName("s1"))?.size === n ? resolve() : setTimeout(check, 5));
    check();
  });

  const b = socketBroadcaster(io, 5);
  const grid = { runId: "r", epoch: 1, kind: "prior" as const, rows: 1, cols: 1, pixels: new Uint8Array(784).fill(9) };
  let seq = 0;
  b.emit("s1", "run:progress", { seq: ++seq, runId: "r", ...progress });
  b.emit("s1", "run:samples", { seq: ++seq, grids: [grid] }); // sliced: later emits wait behind it
  b.emit("s1", "run:progress", { seq: ++seq, runId: "r", ...progress });
  b.emit("s1", "run:samples", { seq: ++seq, grids: [grid] });
  b.emit("s1", "run:progress", { seq: seq + 1, runId: "r", ...progress });

  const expected = [1, 2, 3, 4, 5];
  await new Promise<void>((resolve, reject) => {
    const end = Date.now() + 5000;
    const check = () => {
      if (received.every((r) => r.length === expected.length)) resolve();
      else if (Date.now() > end) reject(new Error(`incomplete: ${JSON.stringify(received)}`));
      else setTimeout(check, 5);
    };
    check();
  });
  for (const r of received) assert.deepEqual(r, expected);

  for (const c of clients) c.disconnect();
  await new Promise<void>((r) => {
    void io.close(() => r());
  });
});
