import type { Server, Socket } from "socket.io";
import type { ZodError } from "zod";
import type { WireError } from "../../lib/contracts/errors";
import {
  JoinPayloadSchema,
  LeavePayloadSchema,
  SocketControlPayloadSchema,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "../../lib/contracts/socket";
import { ownerCookieName, parseCookies } from "../auth/cookies";
import { verifyOwnerToken } from "../auth/ownerToken";
import { roomName } from "../sessions/broadcaster";
import { AppError, invalidInput, sessionNotFound, toWireFailure } from "../errors";
import type { LiveRooms } from "../sessions/liveRooms";
import type { SessionService } from "../sessions/sessionService";

/** Between app servers, through the Socket.IO adapter (distributed mode): room-wide signals that carry no seq. */
export interface InterServerEvents {
  /** Some server's viewer count of the session changed: re-read the total. */
  "presence:changed": (sessionId: string) => void;
  /** The session was deleted on some server: drop its room and tell this server's viewers. */
  "session:deleted": (sessionId: string) => void;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;

/** A socket may watch a few sessions at once (tabs share one connection); more is abuse. */
const MAX_JOINED_PER_SOCKET = 16;

export interface SessionHandlerDeps {
  sessions: SessionService;
  rooms: LiveRooms;
  log: (msg: string, err?: unknown) => void;
  publicUrl?: string | null;
}

/**
 * True when the handshake has no Origin (non-browser clients) or its host is the Host we serve
 * (or PUBLIC_URL's host, behind a proxy that rewrites Host).
 */
export function sameOrigin(socket: Pick<AppSocket, "handshake">, publicUrl: string | null = null): boolean {
  const origin = socket.handshake.headers.origin;
  if (!origin) return true;
  try {
    const host = new URL(origin).host;
    return host === socket.handshake.headers.host || (publicUrl !== null && host === new URL(publicUrl).host);
  } catch {
    return false;
  }
}

/**
 * The ack of a command, typed by the event map. Clients may omit the ack or send garbage in its place (the listener
 * takes `unknown`: the other side is another program), so a non-function becomes a no-op.
 */
function replyWith<E extends keyof ClientToServerEvents>(ack: unknown): Ack<E> {
  return typeof ack === "function" ? (ack as Ack<E>) : () => undefined;
}

/** The error half of an ack: the same mapping as HTTP bodies (server/errors.ts), without the status. */
function failure(err: unknown, log: SessionHandlerDeps["log"]): { error: WireError } {
  return toWireFailure(err, (e) => log("socket: unhandled error", e)).body;
}

/** A join payload that fails only on `protocol` comes from a page older (or newer) than this server. */
function invalidJoin(err: ZodError): AppError {
  const invalid = invalidInput(err, "invalid join payload");
  return err.issues.every((i) => i.path[0] === "protocol")
    ? new AppError("protocol_mismatch", invalid.message)
    : invalid;
}

/**
 * `session:join` / `session:leave` / `session:control` for one socket (socket.io basic-crud style:
 * a factory receiving the domain services; every payload parsed with zod; typed `Response<T>` acks).
 */
export function createSessionHandlers(deps: SessionHandlerDeps) {
  const { sessions, rooms, log } = deps;

  return function register(socket: AppSocket): void {
    const joined = new Set<string>();
    // A page on another site can open a socket to us and the browser may attach our cookies: only
    // honour the owner cookie when the handshake comes from our own origin (or from a non-browser).
    const cookies = () =>
      sameOrigin(socket, deps.publicUrl ?? null)
        ? parseCookies(socket.handshake.headers.cookie)
        : new Map<string, string>();
    const tokenFor = (sessionId: string, fromPayload: string | undefined) =>
      fromPayload ?? cookies().get(ownerCookieName(sessionId)) ?? null;

    socket.on("session:join", async (payload: unknown, ack: unknown) => {
      const reply = replyWith<"session:join">(ack);
      try {
        const parsed = JoinPayloadSchema.safeParse(payload);
        if (!parsed.success) {
          reply(failure(invalidJoin(parsed.error), log));
          return;
        }
        const { sessionId, ownerToken } = parsed.data;
        if (!joined.has(sessionId) && joined.size >= MAX_JOINED_PER_SOCKET) {
          reply(
            failure(
              new AppError("rate_limited", `a connection can watch at most ${MAX_JOINED_PER_SOCKET} sessions`),
              log,
            ),
          );
          return;
        }
        const token = tokenFor(sessionId, ownerToken);
        const found = await rooms.join(
          sessionId,
          (state) => {
            // Runs synchronously with the snapshot: every delta after it reaches this socket.
            const isOwner = verifyOwnerToken(token, state.session.ownerTokenHash);
            if (!socket.connected || joined.has(sessionId)) return { count: false, isOwner };
            void socket.join(roomName(sessionId));
            joined.add(sessionId);
            return { count: true, isOwner };
          },
          (snapshot) => reply({ data: snapshot }), // same tick: the ack precedes every later delta
        );
        if (!found) reply(failure(sessionNotFound(), log));
      } catch (err) {
        reply(failure(err, log));
      }
    });

    socket.on("session:leave", (payload: unknown, ack: unknown) => {
      const reply = replyWith<"session:leave">(ack);
      const parsed = LeavePayloadSchema.safeParse(payload);
      if (!parsed.success) {
        reply(failure(invalidInput(parsed.error, "invalid leave payload"), log));
        return;
      }
      const { sessionId } = parsed.data;
      if (joined.delete(sessionId)) {
        void socket.leave(roomName(sessionId));
        rooms.leave(sessionId);
      }
      reply({ data: true });
    });

    socket.on("session:control", async (payload: unknown, ack: unknown) => {
      const reply = replyWith<"session:control">(ack);
      try {
        const parsed = SocketControlPayloadSchema.safeParse(payload);
        if (!parsed.success) {
          reply(failure(invalidInput(parsed.error, "invalid control payload"), log));
          return;
        }
        const { sessionId, action, runId, ownerToken } = parsed.data;
        const runs = await sessions.control(sessionId, tokenFor(sessionId, ownerToken), action, runId);
        reply({ data: runs });
      } catch (err) {
        reply(failure(err, log));
      }
    });

    socket.on("disconnect", () => {
      for (const sessionId of joined) rooms.leave(sessionId);
      joined.clear();
    });
  };
}
