import type { ServerToClientEvents } from "../../lib/contracts/socket";

/**
 * The only thing room logic needs from the transport: "send this event to everyone in the session's
 * room". The Socket.IO implementation lives in server/sockets; unit tests record calls.
 */
export interface RoomBroadcaster {
  emit<E extends keyof ServerToClientEvents>(
    sessionId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
}

/** Socket.IO room name of a session. */
export function roomName(sessionId: string): string {
  return `session:${sessionId}`;
}
