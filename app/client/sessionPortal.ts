import { ERROR_STATUS, type WireError } from "../../lib/contracts/errors";
import type { ControlAction, RunView } from "../../lib/contracts/session";
import {
  ackSchema,
  DELTA_EVENTS,
  PROTOCOL_VERSION,
  SignalSchemas,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "../../lib/contracts/socket";
import { ApiError, explainError } from "./apiErrors";
import { deltaParsers } from "./deltas";
import type { SessionAction } from "./sessionState";

/**
 * The socket "portal" of a session page, kept out of React (excalidraw style): it joins the session
 * on every (re)connect, turns server events into reducer actions, and sends owner controls.
 * It only needs this small slice of a Socket.IO client (typed with the event maps of lib/contracts/socket.ts), so
 * tests drive it with a fake. Listeners take what arrives as `unknown` and parse it with the contract's schemas:
 * the server is another program.
 */
export type PortalListener = (arg: unknown) => void;
export type PortalEvent = keyof ServerToClientEvents | "connect" | "disconnect" | "connect_error";

export interface PortalSocket {
  readonly connected: boolean;
  on(event: PortalEvent, listener: PortalListener): unknown;
  off(event: PortalEvent, listener: PortalListener): unknown;
  emit<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

export interface PortalOptions {
  sessionId: string;
  socket: PortalSocket;
  dispatch: (action: SessionAction) => void;
  /** Sent with join/control when this browser knows it (right after create or claim); the cookie also works. */
  ownerToken?: string;
  /** How long to wait for the join ack before telling the user (ms). */
  joinTimeoutMs?: number;
  /** Delay before reconnecting after the server closed the connection itself, e.g. on restart (ms). */
  serverDisconnectRetryMs?: number;
}

/** Turns a refused join into a sentence that says what to do, by the error's code. */
export function explainJoinError(error: WireError | null): string {
  if (error?.code === "not_found") {
    return "This session does not exist or was deleted. Check the link, or start a new session from the home page.";
  }
  if (error?.code === "protocol_mismatch") return explainError("protocol_mismatch");
  return `Could not join the session (${error?.message ?? "no answer"}). It will retry when the connection comes back; reload if it persists.`;
}

const JoinAckSchema = ackSchema("session:join");
const ControlAckSchema = ackSchema("session:control");

export class SessionPortal {
  private readonly opts: Required<Omit<PortalOptions, "ownerToken">> & { ownerToken?: string };
  private readonly listeners: [PortalEvent, PortalListener][] = [];
  private joinTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(options: PortalOptions) {
    this.opts = { joinTimeoutMs: 15_000, serverDisconnectRetryMs: 2_000, ...options };
  }

  open(): void {
    const { socket, dispatch } = this.opts;
    this.listen("connect", () => this.join());
    this.listen("disconnect", (reason) => {
      dispatch({ type: "disconnected" });
      // Socket.IO retries on its own after network drops, but not when the server closed the socket
      // itself, which is what a graceful restart does. A viewer should never need to reload, so retry.
      if (reason === "io server disconnect") this.scheduleReconnect();
    });
    this.listen("connect_error", () => dispatch({ type: "disconnected" }));
    for (const event of DELTA_EVENTS) {
      this.listen(event, (raw) => {
        try {
          dispatch({ type: "delta", delta: deltaParsers[event](raw) });
        } catch (err) {
          console.warn(`ignored malformed ${event}`, err);
        }
      });
    }
    this.listen("presence:updated", (raw) => {
      const parsed = SignalSchemas["presence:updated"].safeParse(raw);
      if (parsed.success) dispatch({ type: "presence", viewers: parsed.data.viewers });
      else console.warn("ignored malformed presence:updated", parsed.error);
    });
    this.listen("session:deleted", (raw) => {
      const parsed = SignalSchemas["session:deleted"].safeParse(raw);
      if (!parsed.success) console.warn("ignored malformed session:deleted", parsed.error);
      else if (parsed.data.sessionId === this.opts.sessionId) dispatch({ type: "deleted" });
    });
    if (socket.connected) this.join();
    else socket.connect();
  }

  close(): void {
    this.closed = true;
    this.clearJoinTimer();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const { socket, sessionId } = this.opts;
    for (const [event, fn] of this.listeners) socket.off(event, fn);
    this.listeners.length = 0;
    if (socket.connected) socket.emit("session:leave", { sessionId });
    socket.disconnect();
  }

  /** Remembers an owner token learned after opening (e.g. from a claim) for later joins and controls. */
  setOwnerToken(token: string | undefined): void {
    this.opts.ownerToken = token;
  }

  /** Re-joins to get a fresh snapshot (e.g. after a claim changed who we are). */
  rejoin(): void {
    if (this.opts.socket.connected) this.join();
  }

  /** Sends an owner control over the socket; resolves with the updated runs or rejects with a readable error. */
  control(action: ControlAction, runId?: string): Promise<RunView[]> {
    const { socket, sessionId, ownerToken } = this.opts;
    return new Promise((resolve, reject) => {
      if (!socket.connected) {
        reject(new Error("Not connected to the server; try again when the page says it is live."));
        return;
      }
      const timer = setTimeout(() => reject(new Error("The server did not answer in time; try again.")), 15_000);
      const payload = { sessionId, action, ...(runId ? { runId } : {}), ...(ownerToken ? { ownerToken } : {}) };
      socket.emit("session:control", payload, (res: unknown) => {
        clearTimeout(timer);
        const parsed = ControlAckSchema.safeParse(res);
        if (!parsed.success) {
          console.error("malformed control ack", parsed.error);
          reject(new Error("The server sent an answer this page cannot read. Reload the page."));
        } else if ("data" in parsed.data) resolve(parsed.data.data);
        else {
          const { code, message } = parsed.data.error;
          reject(new ApiError(explainError(code, message), ERROR_STATUS[code], code));
        }
      });
    });
  }

  private listen(event: PortalEvent, fn: PortalListener): void {
    this.opts.socket.on(event, fn);
    this.listeners.push([event, fn]);
  }

  private join(): void {
    const { socket, sessionId, ownerToken, dispatch, joinTimeoutMs } = this.opts;
    dispatch({ type: "join-started" });
    this.clearJoinTimer();
    const attempt = {};
    this.currentJoin = attempt;
    this.joinTimer = setTimeout(() => {
      if (this.currentJoin === attempt && !this.closed) {
        dispatch({
          type: "join-failed",
          message: "The server did not answer the join in time. Check your connection; the page retries on reconnect.",
        });
      }
    }, joinTimeoutMs);
    const payload = { sessionId, protocol: PROTOCOL_VERSION, ...(ownerToken ? { ownerToken } : {}) };
    socket.emit("session:join", payload, (res: unknown) => {
      // A late answer to an older join (we reconnected since) must not overwrite the newer one.
      if (this.currentJoin !== attempt || this.closed) return;
      this.clearJoinTimer();
      const parsed = JoinAckSchema.safeParse(res);
      if (!parsed.success) {
        console.error("malformed join ack", parsed.error);
        dispatch({ type: "join-failed", message: "The server sent data this page cannot read. Reload the page." });
      } else if ("data" in parsed.data) dispatch({ type: "snapshot", snapshot: parsed.data.data });
      else dispatch({ type: "join-failed", message: explainJoinError(parsed.data.error) });
    });
  }

  private currentJoin: object | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  private scheduleReconnect(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed || this.opts.socket.connected) return;
      this.opts.socket.connect();
      // If the server is still down, connect_error follows and Socket.IO's own backoff takes over.
    }, this.opts.serverDisconnectRetryMs);
  }

  private clearJoinTimer(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
  }
}
