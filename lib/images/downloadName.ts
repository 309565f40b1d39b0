import { ID_PATTERN } from "../contracts/ids";
/**
 * File names for downloaded pictures, shared by the Play view, gallery items and the server's GIF route.
 * Two different pictures must not get the same name (browsers then save "name (1).png"), so the name says
 * where the picture comes from and how it was made: session, kind, what it shows, epoch, seed.
 */

export interface DownloadNameParts {
  sessionId: string;
  /** The session's title, readable in a folder listing; the id keeps it unique. */
  sessionTitle?: string;
  /** Gallery kind ("generation", "inpainting", …) or grid kind ("prior", "label-rows", …). */
  kind: string;
  /** The picture's own title ("Generated 7s"); omitted from the name when it only repeats the kind. */
  title?: string;
  epoch?: number;
  seed?: number;
  extension: "png" | "gif";
}

const MAX_SLUG = 40;

/** "Digits 0–9, one row each" -> "digits-0-9-one-row-each" (ASCII letters, digits and dashes only). */
export function slugify(text: string, max = MAX_SLUG): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, max).replace(/-+$/, "");
}

/** e.g. "beta-4-fashion_k3j2x9_generation_generated-7s_epoch10_seed3.png" */
export function downloadName(p: DownloadNameParts): string {
  const kind = slugify(p.kind) || "picture";
  const title = p.title ? slugify(p.title) : "";
  const parts = [
    slugify(p.sessionTitle ?? "") || "session",
    // Ids are already file-name safe ([A-Za-z0-9_-]); kept as they are so the name can be matched to the session.
    ID_PATTERN.test(p.sessionId) ? p.sessionId : slugify(p.sessionId, 64) || "unknown",
    kind,
    title && title !== kind ? title : null,
    p.epoch !== undefined ? `epoch${p.epoch}` : null,
    p.seed !== undefined ? `seed${p.seed}` : null,
  ];
  return `${parts.filter((x): x is string => !!x).join("_")}.${p.extension}`;
}
