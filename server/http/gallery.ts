import type { IncomingMessage } from "node:http";
import {
  GALLERY_MAX_PNG_BYTES,
  type CreateGalleryItemResponse,
  type DeleteGalleryItemResponse,
  type GalleryItemView,
  type ListGalleryResponse,
  type ListGallerySessionsResponse,
} from "../../lib/contracts/gallery";
import { AppError } from "../errors";
import { clientKey } from "./rateLimit";
import { parseJsonText, readBody, sendBytes, sendJson } from "./respond";
import type { Route } from "./router";

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
export function galleryRoutes(): Route[] {
  return [
    {
      method: "POST",
      path: "/api/gallery",
      handler: async ({ req, res, deps }) => {
        const ct = req.headers["content-type"];
        if (!ct || !/^application\/json\b/i.test(ct)) {
          throw new AppError(
            "unsupported_media_type",
            "send JSON (Content-Type: application/json) with the PNG as base64",
          );
        }
        const body = parseJsonText(await readBody(req, BODY_LIMIT));
        const created = await deps.gallery.create(body, {
          clientKey: clientKey(req, deps.config.trustProxy),
          authorToken: bearer(req),
        });
        sendJson(res, 201, created satisfies CreateGalleryItemResponse);
      },
    },
    {
      method: "GET",
      path: "/api/gallery",
      handler: async ({ res, query, deps }) => {
        const page: ListGalleryResponse = await deps.gallery.list(Object.fromEntries(query));
        sendJson(res, 200, page);
      },
    },
    {
      // Before /api/gallery/:id, which would otherwise take "sessions" for an item id.
      method: "GET",
      path: "/api/gallery/sessions",
      handler: async ({ res, query, deps }) => {
        const sessions: ListGallerySessionsResponse = await deps.gallery.sessions(Object.fromEntries(query));
        sendJson(res, 200, sessions);
      },
    },
    {
      method: "GET",
      path: "/api/gallery/:id",
      handler: async ({ res, params, deps }) => {
        const item: GalleryItemView = await deps.gallery.get(params.id ?? "");
        sendJson(res, 200, item);
      },
    },
    {
      method: "GET",
      path: "/api/gallery/:id/image.png",
      handler: async ({ res, params, deps }) => {
        const png = await deps.gallery.image(params.id ?? "");
        // Items never change (only disappear), so browsers may keep the picture for a day.
        sendBytes(res, 200, "image/png", png, {
          "Cache-Control": "public, max-age=86400",
          "Access-Control-Allow-Origin": "*",
        });
      },
    },
    {
      method: "DELETE",
      path: "/api/gallery/:id",
      handler: async ({ req, res, params, deps }) => {
        await deps.gallery.remove(params.id ?? "", bearer(req));
        sendJson(res, 200, { deleted: params.id ?? "" } satisfies DeleteGalleryItemResponse);
      },
    },
  ];
}
