import type { IncomingMessage } from "node:http";
import { GALLERY_MAX_PNG_BYTES } from "../../lib/contracts/gallery";
import { GalleryError } from "../gallery/errors";
import { clientKey, createRateLimiter, type RateLimiter } from "./rateLimit";
import { createGalleryService, GALLERY_SAVES_PER_MINUTE, type GalleryService } from "../gallery/service";
import { readBody, sendBytes, sendJson, HttpError } from "./respond";
import type { HttpDeps, Route, RouteContext } from "./router";

/** base64 of the largest PNG plus room for the meta. */
const BODY_LIMIT = Math.ceil((GALLERY_MAX_PNG_BYTES * 4) / 3) + 64 * 1024;

function bearer(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  const header = req.headers["x-author-token"];
  return typeof header === "string" ? header : null;
}

/**
 * Gallery API. POST /api/gallery (JSON, PNG as base64; X-Author-Token to reuse this browser's token),
 * GET /api/gallery?session=&before=&limit=, GET /api/gallery/sessions?limit= (sessions with items, for the
 * filter by title), GET /api/gallery/:id, GET /api/gallery/:id/image.png,
 * DELETE /api/gallery/:id (Authorization: Bearer <author token>). New and deleted items are
 * announced to the session's room as `gallery:created` / `gallery:deleted`.
 */
export function galleryRoutes(opts: { limiter?: RateLimiter } = {}): Route[] {
  const limiter = opts.limiter ?? createRateLimiter({ max: GALLERY_SAVES_PER_MINUTE, windowMs: 60_000 });
  const services = new WeakMap<HttpDeps, GalleryService>();
  const serviceFor = (deps: HttpDeps): GalleryService => {
    let s = services.get(deps);
    if (!s) {
      s = createGalleryService({
        gallery: deps.repos.gallery,
        sessions: deps.repos.sessions,
        checkpoints: deps.repos.checkpoints,
        limiter: deps.limiters?.gallery ?? limiter,
        events: {
          created: (sessionId, item) => deps.rooms.emitDelta(sessionId, "gallery:created", { item }),
          deleted: (sessionId, itemId) => deps.rooms.emitDelta(sessionId, "gallery:deleted", { itemId }),
        },
      });
      services.set(deps, s);
    }
    return s;
  };

  /** Gallery errors carry their own status (413, 429 with Retry-After) that the shared mapper does not know. */
  const guarded = (fn: (ctx: RouteContext, service: GalleryService) => Promise<void>) => async (ctx: RouteContext) => {
    try {
      await fn(ctx, serviceFor(ctx.deps));
    } catch (err) {
      if (!(err instanceof GalleryError)) throw err;
      sendJson(ctx.res, err.status, { error: err.message }, err.retryAfter ? { "Retry-After": String(err.retryAfter) } : {});
    }
  };

  return [
    {
      method: "POST",
      path: "/api/gallery",
      handler: guarded(async ({ req, res }, service) => {
        const ct = req.headers["content-type"];
        if (!ct || !/^application\/json\b/i.test(ct)) throw new HttpError(415, "send JSON (Content-Type: application/json) with the PNG as base64");
        const raw = await readBody(req, BODY_LIMIT);
        let body: unknown;
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          throw new HttpError(400, "request body is not valid JSON");
        }
        const created = await service.create(body, { clientKey: clientKey(req), authorToken: bearer(req) });
        sendJson(res, 201, created);
      }),
    },
    {
      method: "GET",
      path: "/api/gallery",
      handler: guarded(async ({ res, query }, service) => {
        sendJson(res, 200, await service.list(Object.fromEntries(query)));
      }),
    },
    {
      // Before /api/gallery/:id, which would otherwise take "sessions" for an item id.
      method: "GET",
      path: "/api/gallery/sessions",
      handler: guarded(async ({ res, query }, service) => {
        sendJson(res, 200, await service.sessions(Object.fromEntries(query)));
      }),
    },
    {
      method: "GET",
      path: "/api/gallery/:id",
      handler: guarded(async ({ res, params }, service) => {
        sendJson(res, 200, await service.get(params.id ?? ""));
      }),
    },
    {
      method: "GET",
      path: "/api/gallery/:id/image.png",
      handler: guarded(async ({ res, params }, service) => {
        const png = await service.image(params.id ?? "");
        // Items never change (only disappear), so browsers may keep the picture for a day.
        sendBytes(res, 200, "image/png", png, { "Cache-Control": "public, max-age=86400", "Access-Control-Allow-Origin": "*" });
      }),
    },
    {
      method: "DELETE",
      path: "/api/gallery/:id",
      handler: guarded(async ({ req, res, params }, service) => {
        await service.remove(params.id ?? "", bearer(req));
        sendJson(res, 200, { deleted: params.id });
      }),
    },
  ];
}
