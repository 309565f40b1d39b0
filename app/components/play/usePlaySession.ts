"use client";

import { useEffect, useReducer } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../lib/contracts/socket";
import { SessionPortal } from "../../client/sessionPortal";
import { socketParser } from "../../client/socketParser";
import { initialSessionState, sessionReducer } from "../../client/sessionState";

/**
 * The Play view's live link to its session: the same portal + reducer as the live view (snapshot,
 * then deltas such as run:checkpoint and the gallery's gallery:created / gallery:deleted).
 */
export function usePlaySession(sessionId: string) {
  const [state, dispatch] = useReducer(sessionReducer, initialSessionState);

  useEffect(() => {
    // WebSocket first (one round trip less than the polling handshake), polling if a proxy blocks it.
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      autoConnect: false,
      reconnectionDelayMax: 5000,
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      parser: socketParser,
    });
    const portal = new SessionPortal({ sessionId, socket: s, dispatch });
    portal.open();
    return () => portal.close();
  }, [sessionId]);

  return { state };
}
