import { z } from "zod";
import { IdSchema } from "../../lib/contracts/ids";
import {
  ControlBodySchema,
  CreateSessionBodySchema,
  type ClaimResponse,
  type ControlResponse,
  type CreateSessionResponse,
  type SessionDetailResponse,
  type SessionListResponse,
} from "../../lib/contracts/session";
import { TitleSchema } from "../../lib/contracts/title";
import { clearOwnerCookieHeader, ownerCookieHeader, presentedOwnerToken } from "../auth/cookies";
import { AppError } from "../errors";
import type { CreatedSession, Requester } from "../sessions/sessionService";
import { requestClientHash } from "./clientHash";
import { clientKey } from "./rateLimit";
import { readJson, sendJson } from "./respond";
import type { Route, RouteContext } from "./router";

const ForkBodySchema = z.object({ title: TitleSchema.optional(), autostart: z.boolean().default(true) }).strict();
const ClaimBodySchema = z.object({ token: z.string().min(1).max(200) }).strict();
const ListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

function isSecure(origin: string): boolean {
  return origin.startsWith("https://");
}

function createdResponse(ctx: RouteContext, created: CreatedSession): void {
  const { session, ownerToken } = created;
  const shareUrl = `${ctx.origin}/s/${session.id}`;
  const body = {
    id: session.id,
    shareUrl,
    controlUrl: `${shareUrl}?owner=${ownerToken}`,
    ownerToken,
  } satisfies CreateSessionResponse;
  sendJson(ctx.res, 201, body, {
    "Set-Cookie": ownerCookieHeader(session.id, ownerToken, { secure: isSecure(ctx.origin) }),
  });
}

/** Who asks, as the session use cases know them: a hash of the client's address, never the address. */
function requester(ctx: RouteContext): Requester {
  return { clientHash: requestClientHash(ctx.req, ctx.deps.config.clientHashSecret, ctx.deps.config.trustProxy) };
}

/** The owner token presented by a request (Bearer header, then the session's cookie). */
export function requestOwnerToken(ctx: RouteContext, sessionId: string): string | null {
  return presentedOwnerToken(
    { authorization: ctx.req.headers.authorization, cookie: ctx.req.headers.cookie },
    sessionId,
  );
}

/**
 * Creating a session (or forking one) starts training, which costs minutes of CPU: one client may do it
 * SESSION_CREATE_LIMIT times a minute (the app's `sessionCreate` limiter; none when the limit is 0).
 */
async function guardCreation(ctx: RouteContext): Promise<void> {
  const wait = (await ctx.deps.limiters.sessionCreate?.hit(clientKey(ctx.req, ctx.deps.config.trustProxy))) ?? 0;
  if (wait > 0) {
    const max = ctx.deps.config.sessionCreateLimit;
    throw new AppError(
      "rate_limited",
      `too many new sessions: at most ${max} a minute from one client, try again in ${wait} s`,
      wait,
    );
  }
}

/** Session routes: create, list, view, control, fork, claim. */
export function sessionRoutes(): Route[] {
  return [
    {
      method: "POST",
      path: "/api/sessions",
      handler: async (ctx) => {
        const body = await readJson(ctx.req, CreateSessionBodySchema);
        // The allowance is counted after validation and the budgets: a refused request does not use it up.
        createdResponse(ctx, await ctx.deps.sessions.create(body, requester(ctx), () => guardCreation(ctx)));
      },
    },
    {
      method: "GET",
      path: "/api/sessions",
      handler: async (ctx) => {
        const { limit } = ListQuerySchema.parse(Object.fromEntries(ctx.query));
        sendJson(ctx.res, 200, { sessions: await ctx.deps.sessions.listRecent(limit) } satisfies SessionListResponse);
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id",
      handler: async (ctx) => {
        const id = IdSchema.parse(ctx.params.id);
        const view = await ctx.deps.sessions.view(id);
        const isOwner = await ctx.deps.sessions.isOwner(id, requestOwnerToken(ctx, id));
        sendJson(ctx.res, 200, { ...view, isOwner } satisfies SessionDetailResponse);
      },
    },
    {
      method: "POST",
      path: "/api/sessions/:id/control",
      handler: async (ctx) => {
        const id = IdSchema.parse(ctx.params.id);
        const body = await readJson(ctx.req, ControlBodySchema);
        const runs = await ctx.deps.sessions.control(id, requestOwnerToken(ctx, id), body.action, body.runId);
        const headers: Record<string, string> =
          body.action === "delete" ? { "Set-Cookie": clearOwnerCookieHeader(id) } : {};
        sendJson(ctx.res, 200, { runs } satisfies ControlResponse, headers);
      },
    },
    {
      method: "POST",
      path: "/api/sessions/:id/fork",
      handler: async (ctx) => {
        const id = IdSchema.parse(ctx.params.id);
        const body = await readJson(ctx.req, ForkBodySchema);
        createdResponse(ctx, await ctx.deps.sessions.fork(id, body, requester(ctx), () => guardCreation(ctx)));
      },
    },
    {
      method: "POST",
      path: "/api/sessions/:id/claim",
      handler: async (ctx) => {
        const id = IdSchema.parse(ctx.params.id);
        const { token } = await readJson(ctx.req, ClaimBodySchema);
        await ctx.deps.sessions.claim(id, token);
        sendJson(ctx.res, 200, { isOwner: true } satisfies ClaimResponse, {
          "Set-Cookie": ownerCookieHeader(id, token, { secure: isSecure(ctx.origin) }),
        });
      },
    },
  ];
}
