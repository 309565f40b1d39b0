import type { GalleryItemRecord, GalleryRepository } from "../../../../server/repositories/types";

/** A 1x1 PNG (valid signature, IHDR and CRCs). */
export const ONE_PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** Minimal in-memory GalleryRepository with the documented ordering (newest first, `before` cursor). */
export function fakeGalleryRepository(): GalleryRepository & { items: GalleryItemRecord[] } {
  const items: GalleryItemRecord[] = [];
  let n = 0;
  return {
    items,
    async create(input) {
      n++;
      const r = { ...input, id: `g${String(n).padStart(4, "0")}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)) };
      items.push(r);
      return r;
    },
    async get(id) {
      return items.find((i) => i.id === id) ?? null;
    },
    async list({ sessionId, before, limit }) {
      let rows = [...items].reverse().filter((i) => !sessionId || i.sessionId === sessionId);
      if (before) {
        const at = rows.findIndex((i) => i.id === before);
        rows = at >= 0 ? rows.slice(at + 1) : [];
      }
      return rows.slice(0, limit);
    },
    async sessions(limit) {
      const ids = [...new Set([...items].reverse().map((i) => i.sessionId))].slice(0, limit);
      return ids.map((sessionId) => {
        const mine = items.filter((i) => i.sessionId === sessionId);
        return {
          sessionId,
          title: `title of ${sessionId}`,
          items: mine.length,
          latestItemId: mine[mine.length - 1]!.id,
        };
      });
    },
    async delete(id) {
      const at = items.findIndex((i) => i.id === id);
      if (at >= 0) items.splice(at, 1);
    },
  };
}
