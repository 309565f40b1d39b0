"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import { io, type Socket } from "socket.io-client";
import type { ControlAction, RunView } from "../../lib/contracts/session";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket";
import { controlSession } from "../client/api";
import { SessionPortal } from "../client/sessionPortal";
import { socketParser } from "../client/socketParser";
import { initialSessionState, sessionReducer, type SessionAction, type SessionState } from "../client/sessionState";

/** Socket events are applied in batches at most this often: progress arrives ~10x/s per run, the eye needs less. */
const FLUSH_MS = 200;

const batchReducer = (state: SessionState, actions: SessionAction[]) => actions.reduce(sessionReducer, state);

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
  const [state, dispatchBatch] = useReducer(batchReducer, initialSessionState);
  const portalRef = useRef<SessionPortal | null>(null);
  const { enabled, ownerToken } = options;

  useEffect(() => {
    if (!enabled) return;
    // forceNew: one connection per page (no sharing of a cached Manager across React strict-mode remounts).
    // WebSocket first: with several app servers behind a load balancer it needs no sticky sessions; long-polling
    // stays the fallback where WebSockets are blocked (that path does need sticky sessions).
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      autoConnect: false,
      forceNew: true,
      reconnectionDelayMax: 5000,
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      parser: socketParser,
    });
    // Coalesce bursts of events into one render; the reducer stays pure and sees every action in order.
    let queue: SessionAction[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = queue;
      queue = [];
      if (batch.length > 0) dispatchBatch(batch);
    };
    const dispatch = (action: SessionAction) => {
      queue.push(action);
      // Joins, snapshots and errors show at once; deltas wait for the next flush.
      if (action.type !== "delta" && action.type !== "presence") {
        if (timer) clearTimeout(timer);
        flush();
      } else if (!timer) {
        timer = setTimeout(flush, FLUSH_MS);
      }
    };
    const portal = new SessionPortal({ sessionId, socket, dispatch, ...(ownerToken ? { ownerToken } : {}) });
    portalRef.current = portal;
    portal.open();
    return () => {
      if (timer) clearTimeout(timer);
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
