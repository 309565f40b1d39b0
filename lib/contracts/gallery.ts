import { z } from "zod";
import { IdSchema } from "./ids";
import { OptionalTitleSchema } from "./title";

/**
 * Gallery wire contract (HTTP bodies and responses; the `gallery:created` delta carries a GalleryItemView).
 * A gallery item is a saved picture (PNG as rendered in the page) plus how it was made.
 */

export const GALLERY_KINDS = [
  "generation",
  "label-grid",
  "inpainting",
  "latent-map",
  "interpolation",
  "traversal",
  "reconstruction",
  "training-grid",
] as const;
export const GalleryKindSchema = z.enum(GALLERY_KINDS);
export type GalleryKind = z.infer<typeof GalleryKindSchema>;

/** Largest PNG accepted (bytes, after base64 decoding). */
export const GALLERY_MAX_PNG_BYTES = 512 * 1024;

/** How the picture was made. Everything optional: what applies depends on the kind. */
export const GalleryMetaSchema = z
  .object({
    runId: IdSchema.optional(),
    preset: z.string().max(40).optional(),
    epoch: z.number().int().min(0).max(10000).optional(),
    digit: z.number().int().min(0).max(9).optional(),
    /** The latent vector of a single decode (or the start of an interpolation). */
    latent: z.array(z.number()).max(64).optional(),
    latentTo: z.array(z.number()).max(64).optional(),
    /** 784 characters, '1' = observed, '0' = missing (row-major 28x28). */
    mask: z
      .string()
      .regex(/^[01]{784}$/, "mask must be 784 characters of 0/1")
      .optional(),
    temperature: z.number().min(0).max(10).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    dims: z.array(z.number().int().min(0).max(63)).max(8).optional(),
    rows: z.number().int().min(1).max(64).optional(),
    cols: z.number().int().min(1).max(64).optional(),
    backend: z.string().max(20).optional(),
  })
  .strict();
export type GalleryMeta = z.infer<typeof GalleryMetaSchema>;

/** POST /api/gallery (JSON). Author token, when the browser has one, travels in the `X-Author-Token` header. */
export const CreateGalleryItemBodySchema = z
  .object({
    sessionId: IdSchema,
    checkpointId: IdSchema.nullable().optional(),
    kind: GalleryKindSchema,
    /** Normalised (lib/contracts/title.ts); empty: a default title for the kind. */
    title: OptionalTitleSchema.optional(),
    /** The PNG, base64 (a `data:image/png;base64,` prefix is accepted). */
    png: z
      .string()
      .min(8)
      .max(Math.ceil((GALLERY_MAX_PNG_BYTES * 4) / 3) + 64, "image larger than 512 KB"),
    meta: GalleryMetaSchema.default({}),
  })
  .strict();
export type CreateGalleryItemBody = z.infer<typeof CreateGalleryItemBodySchema>;

/** GET /api/gallery query. */
export const ListGalleryQuerySchema = z.object({
  session: IdSchema.optional(),
  before: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});

/** A gallery item as clients see it (no PNG bytes, no token hash). */
export const GalleryItemViewSchema = z.object({
  id: IdSchema,
  sessionId: IdSchema,
  /** The source session's title, for "from <title>" links (absent when the session could not be read). */
  sessionTitle: z.string().optional(),
  checkpointId: IdSchema.nullable(),
  kind: z.string(),
  title: z.string(),
  meta: GalleryMetaSchema,
  createdAt: z.string(),
  /** Relative URL of the PNG. */
  imageUrl: z.string(),
});
export type GalleryItemView = z.infer<typeof GalleryItemViewSchema>;

/** POST /api/gallery (201). */
export const CreateGalleryItemResponseSchema = z.object({
  item: GalleryItemViewSchema,
  /** Keep it (localStorage): it is the only way to delete your items. Sent back on later saves. */
  authorToken: z.string(),
});
export type CreateGalleryItemResponse = z.infer<typeof CreateGalleryItemResponseSchema>;

/** GET /api/gallery */
export const ListGalleryResponseSchema = z.object({
  items: z.array(GalleryItemViewSchema),
  /** Cursor for the next (older) page, or null at the end. */
  nextBefore: IdSchema.nullable(),
});
export type ListGalleryResponse = z.infer<typeof ListGalleryResponseSchema>;

/** DELETE /api/gallery/:id */
export const DeleteGalleryItemResponseSchema = z.object({ deleted: IdSchema });
export type DeleteGalleryItemResponse = z.infer<typeof DeleteGalleryItemResponseSchema>;

/** GET /api/gallery/sessions query. */
export const ListGallerySessionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** A session that has gallery items: what the gallery's "from session" filter offers. */
export const GallerySessionSchema = z.object({
  id: IdSchema,
  title: z.string(),
  /** How many items it has. */
  items: z.number().int().min(1),
});
export type GallerySession = z.infer<typeof GallerySessionSchema>;
export const ListGallerySessionsResponseSchema = z.object({ sessions: z.array(GallerySessionSchema) });
export type ListGallerySessionsResponse = z.infer<typeof ListGallerySessionsResponseSchema>;
