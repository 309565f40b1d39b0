import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import {
  CreateGalleryItemBodySchema,
  GALLERY_MAX_PNG_BYTES,
  GalleryMetaSchema,
  ListGalleryQuerySchema,
  ListGallerySessionsQuerySchema,
  type CreateGalleryItemResponse,
  type ListGallerySessionsResponse,
  type GalleryItemView,
  type ListGalleryResponse,
} from "../../lib/contracts/gallery";
import { ID_PATTERN } from "../../lib/contracts/ids";
import type {
  CheckpointRepository,
  GalleryItemRecord,
  GalleryRepository,
  SessionRepository,
} from "../repositories/types";
import { AppError, invalidInput } from "../errors";
import { checkPng, decodeBase64Png } from "./png";
import { createRateLimiter, type RateLimiter } from "../http/rateLimit";

/** Where new and deleted items are announced (the session's Socket.IO room, wired in one place). */
export interface GalleryEvents {
  created(sessionId: string, item: GalleryItemView): void;
  deleted(sessionId: string, itemId: string): void;
}

export interface GalleryDeps {
  gallery: GalleryRepository;
  sessions: Pick<SessionRepository, "get">;
  /** To check that an item's checkpoint belongs to its session. */
  checkpoints: Pick<CheckpointRepository, "sessionOf">;
  events?: GalleryEvents;
  /** Default: 10 saves per minute per client key. */
  limiter?: RateLimiter;
}

export interface GalleryService {
  /** `clientKey` identifies the saver for the rate limit (the IP address). */
  create(body: unknown, ctx: { clientKey: string; authorToken?: string | null }): Promise<CreateGalleryItemResponse>;
  list(query: unknown): Promise<ListGalleryResponse>;
  /** Sessions that have items, newest activity first, with titles: the gallery's session filter. */
  sessions(query: unknown): Promise<ListGallerySessionsResponse>;
  get(id: string): Promise<GalleryItemView>;
  image(id: string): Promise<Uint8Array>;
  /** Only the author (the token returned at creation) may delete: 403 otherwise. */
  remove(id: string, authorToken: string | null | undefined): Promise<void>;
}

/** Longest base64 text of a PNG within GALLERY_MAX_PNG_BYTES (plus a data-URL prefix). */
const MAX_PNG_BASE64 = Math.ceil(GALLERY_MAX_PNG_BYTES / 3) * 4 + "data:image/png;base64,".length;
const TOO_LARGE = `image larger than ${GALLERY_MAX_PNG_BYTES / 1024} KB`;
const DEFAULT_TITLES: Record<string, string> = {
  generation: "Generated digits",
  "label-grid": "Digits by label",
  inpainting: "Inpainting",
  "latent-map": "Latent map",
  interpolation: "Interpolation",
  traversal: "Latent traversal",
  reconstruction: "Reconstructions",
  "training-grid": "Training samples",
};

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

function tokenMatches(token: string | null | undefined, storedHash: string): boolean {
  if (!token || token.length > 200) return false;
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && b.length > 0 && timingSafeEqual(a, b);
}

/** A valid-looking author token from the client is reused so one browser owns all its items. */
const usableToken = (t: string | null | undefined): t is string => !!t && /^[A-Za-z0-9_-]{32,200}$/.test(t);

export function toGalleryItemView(r: GalleryItemRecord, sessionTitle?: string): GalleryItemView {
  const meta = GalleryMetaSchema.safeParse(r.meta);
  return {
    id: r.id,
    sessionId: r.sessionId,
    ...(sessionTitle !== undefined ? { sessionTitle } : {}),
    checkpointId: r.checkpointId,
    kind: r.kind,
    title: r.title,
    meta: meta.success ? meta.data : {},
    createdAt: r.createdAt.toISOString(),
    imageUrl: `/api/gallery/${r.id}/image.png`,
  };
}

/** Saves one client may make a minute. */
export const GALLERY_SAVES_PER_MINUTE = 10;

export function createGalleryService(deps: GalleryDeps): GalleryService {
  const limiter = deps.limiter ?? createRateLimiter({ max: GALLERY_SAVES_PER_MINUTE, windowMs: 60_000 });

  /** Titles of the items' sessions, each session read once. */
  async function sessionTitles(records: readonly GalleryItemRecord[]): Promise<Map<string, string>> {
    const ids = [...new Set(records.map((r) => r.sessionId))];
    const sessions = await Promise.all(ids.map((sid) => deps.sessions.get(sid)));
    return new Map(sessions.flatMap((s) => (s ? [[s.id, s.title] as const] : [])));
  }

  async function withTitles(records: readonly GalleryItemRecord[]): Promise<GalleryItemView[]> {
    const titles = await sessionTitles(records);
    return records.map((r) => toGalleryItemView(r, titles.get(r.sessionId)));
  }

  async function record(id: string): Promise<GalleryItemRecord> {
    const r = ID_PATTERN.test(id) ? await deps.gallery.get(id) : null;
    if (!r) throw new AppError("not_found", "gallery item not found");
    return r;
  }

  return {
    /**
     * Everything that can be refused is checked before the rate limit counts the save, so a refused request does
     * not use up the client's allowance.
     */
    async create(body, ctx) {
      // Too large is 413 whatever else is wrong with the body (zod alone would answer 400).
      const raw = (body as { png?: unknown } | null)?.png;
      if (typeof raw === "string" && raw.length > MAX_PNG_BASE64) throw new AppError("payload_too_large", TOO_LARGE);
      const parsed = CreateGalleryItemBodySchema.safeParse(body);
      if (!parsed.success) throw invalidInput(parsed.error);
      const b = parsed.data;
      const png = decodeBase64Png(b.png);
      if (!png) throw new AppError("bad_request", "png: not valid base64");
      if (png.length > GALLERY_MAX_PNG_BYTES) throw new AppError("payload_too_large", TOO_LARGE);
      const checked = checkPng(png);
      if ("error" in checked) throw new AppError("bad_request", checked.error);
      const session = await deps.sessions.get(b.sessionId);
      if (!session) throw new AppError("not_found", "session not found");
      const checkpointId = b.checkpointId ?? null;
      // Another session's checkpoint would be pinned against that session's retention: only the item's own.
      if (checkpointId !== null && (await deps.checkpoints.sessionOf(checkpointId)) !== b.sessionId) {
        throw new AppError("not_found", "checkpoint not found in this session");
      }
      const wait = await limiter.hit(ctx.clientKey);
      if (wait > 0)
        throw new AppError("rate_limited", `too many saves: at most 10 a minute, try again in ${wait} s`, wait);

      const authorToken = usableToken(ctx.authorToken) ? ctx.authorToken : randomBytes(32).toString("base64url");
      const created = await deps.gallery
        .create({
          sessionId: b.sessionId,
          checkpointId,
          kind: b.kind,
          title: b.title || DEFAULT_TITLES[b.kind] || b.kind,
          png,
          meta: b.meta,
          authorTokenHash: hashToken(authorToken),
        })
        .catch(async (err: unknown) => {
          // Retention deleted the checkpoint between the check and the insert (the foreign key refused it).
          if (checkpointId !== null && (await deps.checkpoints.sessionOf(checkpointId)) === null) {
            throw new AppError("not_found", "checkpoint not found in this session (it was just deleted; save again)");
          }
          throw err;
        });
      const item = toGalleryItemView(created, session.title);
      deps.events?.created(item.sessionId, item);
      return { item, authorToken };
    },

    async list(query) {
      const parsed = ListGalleryQuerySchema.safeParse(query ?? {});
      if (!parsed.success) throw invalidInput(parsed.error);
      const q = parsed.data;
      // One extra row tells whether an older page exists.
      const rows = await deps.gallery.list({ sessionId: q.session, before: q.before, limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      return { items: await withTitles(page), nextBefore: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
    },

    async sessions(query) {
      const parsed = ListGallerySessionsQuerySchema.safeParse(query ?? {});
      if (!parsed.success) throw invalidInput(parsed.error);
      const rows = await deps.gallery.sessions(parsed.data.limit);
      return { sessions: rows.map((r) => ({ id: r.sessionId, title: r.title, items: r.items })) };
    },

    async get(id) {
      const [view] = await withTitles([await record(id)]);
      return view!;
    },

    async image(id) {
      return (await record(id)).png;
    },

    async remove(id, authorToken) {
      const r = await record(id);
      if (!tokenMatches(authorToken, r.authorTokenHash))
        throw new AppError("forbidden", "only the author of this item can delete it");
      await deps.gallery.delete(id);
      deps.events?.deleted(r.sessionId, id);
    },
  };
}
