"use client";

import { useEffect, useState } from "react";
import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { galleryItems, withGalleryItem, type GalleryLive } from "../../client/galleryState";
import { GalleryCard } from "./GalleryCard";
import { deleteGalleryItem, isMine, listGallery } from "./galleryClient";
import { errorMessage } from "../../../lib/errors";

/**
 * The session's gallery, live: loads the latest items, then applies the gallery:created / gallery:deleted deltas the
 * session portal hands the reducer (`live`, seq-ordered like every other delta).
 */
export function GalleryStrip({ sessionId, live }: { sessionId: string; live: GalleryLive }) {
  const [loaded, setLoaded] = useState<GalleryItemView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const items = galleryItems(loaded, live);

  useEffect(() => {
    listGallery({ session: sessionId, limit: 24 })
      .then((page) => setLoaded((old) => page.items.reduce(withGalleryItem, old)))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [sessionId]);

  async function remove(id: string) {
    try {
      await deleteGalleryItem(id);
      setLoaded((old) => old.filter((i) => i.id !== id));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section
      aria-labelledby="session-gallery"
      className="space-y-2"
      data-testid="gallery-strip"
      data-count={items.length}
    >
      <div className="flex items-baseline gap-3">
        <h2 id="session-gallery" className="text-lg font-semibold">
          This session&apos;s gallery
        </h2>
        <a href={`/gallery?session=${encodeURIComponent(sessionId)}`} className="text-sm text-sky-400 underline">
          see all
        </a>
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-400">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing saved yet. Press &ldquo;Save to gallery&rdquo; on any picture.</p>
      ) : (
        // A row that scrolls sideways on wide screens; on a phone the cards wrap (no sideways scrolling there).
        <ul className="flex flex-wrap gap-3 pb-2 sm:flex-nowrap sm:overflow-x-auto">
          {items.map((item) => (
            <GalleryCard key={item.id} item={item} onDelete={isMine(item.id) ? remove : undefined} />
          ))}
        </ul>
      )}
    </section>
  );
}
