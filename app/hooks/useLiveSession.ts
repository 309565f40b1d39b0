"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import { io } from "socket.io-client";
import type { ControlAction, RunView } from "../../lib/contracts/session";
import { controlSession } from "../client/api";
import { SessionPortal } from "../client/sessionPortal";
import { initialSessionState, sessionReducer, type SessionState } from "../client/sessionState";

export interface LiveSession {
  state: SessionState;
  /** Owner control: over the socket when connected, over HTTP otherwise. Rejects with a readable message. */
  control: (action: ControlAction, runId?: string) => Promise<RunView[]>;
}

/**
 * Connects a session page to the server: one Socket.IO connection per page, the portal joins (and
 * re-joins after every reconnect) and feeds the pure reducer. `enabled` lets the page finish a claim
 * first, so the first snapshot already knows we are the owner.
 */
export function useLiveSession(sessionId: string, options: { enabled: boolean; ownerToken?: string }): LiveSession {
  const [state, dispatch] = useReducer(sessionReducer, initialSessionState);
  const portalRef = useRef<SessionPortal | null>(null);
  const { enabled, ownerToken } = options;

  useEffect(() => {
    if (!enabled) return;
    // forceNew: one connection per page (no sharing of a cached Manager across React strict-mode remounts).
    const socket = io({ autoConnect: false, forceNew: true, reconnectionDelayMax: 5000 });
    const portal = new SessionPortal({ sessionId, socket, dispatch, ...(ownerToken ? { ownerToken } : {}) });
    portalRef.current = portal;
    portal.open();
    return () => {
      portal.close();
      portalRef.current = null;
    };
  }, [sessionId, enabled, ownerToken]);

  const control = useCallback(
    async (action: ControlAction, runId?: string) => {
      const portal = portalRef.current;
      if (portal && state.connection === "live") return portal.control(action, runId);
      return controlSession(sessionId, action, runId);
    },
    [sessionId, state.connection],
  );

  return { state, control };
}
