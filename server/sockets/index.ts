import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket";
import { escapeClientText } from "../logging/clientText";
import { throttledLog } from "../logging/throttledLog";
import { roomName, type RoomBroadcaster } from "../sessions/broadcaster";
import {
  createSessionHandlers,
  type AppServer,
  type InterServerEvents,
  type SessionHandlerDeps,
} from "./sessionHandlers";

/**
 * Socket.IO for the app's HTTP server (same port as Next and the API). Attach it with
 * `io.attach(httpServer)` AFTER the server's own "request" listener is registered: engine.io then
 * wraps that listener and keeps /socket.io requests for itself.
 */
export function createSocketServer(): AppServer {
  return new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>({
    serveClient: false,
    // Inbound payloads are tiny (join/leave/control); refuse anything big before parsing it.
    maxHttpBufferSize: 64 * 1024,
    // Next's dev server shares the port for HMR websockets: leave other upgrade requests alone.
    destroyUpgrade: false,
  });
}

/** Events whose payload is large (sample grids: ~50 KB per grid) are sent to a big room in slices. */
const LARGE_EVENTS = new Set<keyof ServerToClientEvents>(["run:samples"]);
/** Sockets per slice: ~20 x 150 KB written per event-loop turn instead of the whole room at once. */
export const FANOUT_SLICE = 20;

/**
 * The room broadcaster the domain uses, backed by Socket.IO rooms. It sends to THIS server's sockets only
 * (`io.local`): in the distributed mode every app server reads the session log itself and delivers to its own
 * viewers, so nothing seq-numbered crosses the Socket.IO adapter (which would deliver it once per server).
 *
 * Writing an epoch's grids to hundreds of sockets in one go blocks the event loop for the whole
 * copy, so large events go out `FANOUT_SLICE` sockets per turn (setImmediate between slices). Later
 * events for that room wait in a queue until the slices are done, so every socket still sees the
 * room's deltas in seq order. Sockets that join meanwhile took their snapshot after the large
 * event's seq and simply drop the queued older deltas (seq <= snapshot.seq).
 */
export function socketBroadcaster(io: AppServer, slice = FANOUT_SLICE): RoomBroadcaster {
  const waiting = new Map<string, (() => void)[]>();

  const drain = (room: string): void => {
    const queue = waiting.get(room) ?? [];
    waiting.delete(room);
    while (queue.length > 0) {
      queue.shift()!();
      const again = waiting.get(room);
      if (again) {
        // Another sliced send started: the rest waits behind it, in order.
        again.push(...queue);
        return;
      }
    }
  };

  const sendSliced = <E extends keyof ServerToClientEvents>(
    room: string,
    event: E,
    args: Parameters<ServerToClientEvents[E]>,
  ): void => {
    const ids = [...(io.sockets.adapter.rooms.get(room) ?? [])];
    if (ids.length <= slice) {
      io.local.to(room).emit(event, ...args);
      return;
    }
    waiting.set(room, []);
    let next = 0;
    const step = (): void => {
      const part = ids.slice(next, next + slice);
      next += slice;
      io.local.to(part).emit(event, ...args);
      if (next < ids.length) setImmediate(step);
      else drain(room);
    };
    step();
  };

  return {
    emit(sessionId, event, ...args) {
      const room = roomName(sessionId);
      const send = LARGE_EVENTS.has(event)
        ? () => sendSliced(room, event, args)
        : () => void io.local.to(room).emit(event, ...args);
      const queue = waiting.get(room);
      if (queue) queue.push(send);
      else send();
    },
  };
}

/** Lines about client-sent "error" events: at most this many a minute, over all sockets. */
const CLIENT_ERROR_LINES_PER_MINUTE = 10;

export function registerSocketHandlers(io: AppServer, deps: SessionHandlerDeps): void {
  const register = createSessionHandlers(deps);
  const clientErrorLog = throttledLog((line) => deps.log(line), {
    max: CLIENT_ERROR_LINES_PER_MINUTE,
    windowMs: 60_000,
  });
  io.on("connection", (socket) => {
    register(socket);
    // Not an error of ours: "error" is not a reserved event name, so any client can emit one with any payload.
    // Logged as one escaped, cut, throttled line (never the payload as is: a client could forge log lines).
    socket.on("error", (payload: unknown) =>
      clientErrorLog(`socket ${socket.id}: the client sent an "error" event: ${escapeClientText(payload)}`),
    );
  });
}
