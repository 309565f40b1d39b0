import type { GalleryItemView } from "../../lib/contracts/gallery";

/**
 * The session's gallery as its deltas (gallery:created / gallery:deleted) tell it since the page opened. The snapshot
 * carries no gallery (pages load it over HTTP and apply this on top), so it is kept across rejoins. Pure.
 */
export interface GalleryLive {
  /** Items created, newest first. */
  added: GalleryItemView[];
  /** Ids of items deleted. */
  removed: string[];
}

export const emptyGalleryLive: GalleryLive = { added: [], removed: [] };

/** Newest first, no duplicates: an item replaces one with its id. */
export function withGalleryItem(items: readonly GalleryItemView[], item: GalleryItemView): GalleryItemView[] {
  return [item, ...items.filter((i) => i.id !== item.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function galleryCreated(live: GalleryLive, item: GalleryItemView): GalleryLive {
  return { added: withGalleryItem(live.added, item), removed: live.removed };
}

export function galleryDeleted(live: GalleryLive, itemId: string): GalleryLive {
  return {
    added: live.added.filter((i) => i.id !== itemId),
    removed: live.removed.includes(itemId) ? live.removed : [...live.removed, itemId],
  };
}

/** What the gallery shows: the items loaded over HTTP with the live additions and deletions applied. */
export function galleryItems(loaded: readonly GalleryItemView[], live: GalleryLive): GalleryItemView[] {
  return live.added.reduce(withGalleryItem, [...loaded]).filter((i) => !live.removed.includes(i.id));
}
