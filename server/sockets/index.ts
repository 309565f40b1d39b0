import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/session";
import { roomName, type RoomBroadcaster } from "../sessions/broadcaster";
import { createSessionHandlers, type AppServer, type SessionHandlerDeps } from "./sessionHandlers";

/**
 * Socket.IO for the app's HTTP server (same port as Next and the API). Attach it with
 * `io.attach(httpServer)` AFTER the server's own "request" listener is registered: engine.io then
 * wraps that listener and keeps /socket.io requests for itself.
 */
export function createSocketServer(): AppServer {
  return new Server<ClientToServerEvents, ServerToClientEvents>({
    serveClient: false,
    // Inbound payloads are tiny (join/leave/control); refuse anything big before parsing it.
    maxHttpBufferSize: 64 * 1024,
    // Next's dev server shares the port for HMR websockets: leave other upgrade requests alone.
    destroyUpgrade: false,
  });
}

/** The room broadcaster the domain uses, backed by Socket.IO rooms. */
export function socketBroadcaster(io: AppServer): RoomBroadcaster {
  return {
    emit(sessionId, event, ...args) {
      // The generic signature already ties `args` to `event`; socket.io's decorated types cannot see it.
      (io.to(roomName(sessionId)).emit as (ev: string, ...a: unknown[]) => boolean)(event, ...args);
    },
  };
}

export function registerSocketHandlers(io: AppServer, deps: SessionHandlerDeps): void {
  const register = createSessionHandlers(deps);
  io.on("connection", (socket) => {
    register(socket);
    socket.on("error", (err) => deps.log("socket error", err));
  });
}
