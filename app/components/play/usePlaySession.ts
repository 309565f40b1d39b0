"use client";

import { useEffect, useReducer, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { SessionPortal } from "../../client/sessionPortal";
import { socketParser } from "../../client/socketParser";
import { initialSessionState, sessionReducer } from "../../client/sessionState";

/**
 * The Play view's live link to its session: the same portal + reducer as the live view (snapshot,
 * then deltas such as run:checkpoint), plus the raw socket so the gallery strip can listen to
 * gallery:created / gallery:deleted on the same connection.
 */
export function usePlaySession(sessionId: string) {
  const [state, dispatch] = useReducer(sessionReducer, initialSessionState);
  const [socket, setSocket] = useState<Socket | null>(null);

  useEffect(() => {
    // WebSocket first (one round trip less than the polling handshake), polling if a proxy blocks it.
    const s = io({
      autoConnect: false,
      reconnectionDelayMax: 5000,
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      parser: socketParser,
    });
    const portal = new SessionPortal({ sessionId, socket: s, dispatch });
    portal.open();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the socket is made here (browser only, one per session id) and handed to the gallery strip
    setSocket(s);
    return () => {
      portal.close();
      setSocket(null);
    };
  }, [sessionId]);

  return { state, socket };
}
