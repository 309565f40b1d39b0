"use client";

import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";
import { z } from "zod";
import { GalleryItemViewSchema, type GalleryItemView } from "../../../lib/contracts/gallery";
import { GalleryCard } from "./GalleryCard";
import { deleteGalleryItem, isMine, listGallery } from "./galleryClient";
import { errorMessage } from "../../../lib/errors";

/** Newest first, no duplicates: merging a live item into the list is pure. */
export function mergeItem(items: GalleryItemView[], item: GalleryItemView): GalleryItemView[] {
  return [item, ...items.filter((i) => i.id !== item.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const CreatedSchema = z.object({ item: GalleryItemViewSchema });
const DeletedSchema = z.object({ itemId: z.string() });

/** The session's gallery, live: loads the latest items, then follows gallery:created / gallery:deleted. */
export function GalleryStrip({ sessionId, socket }: { sessionId: string; socket: Socket | null }) {
  const [items, setItems] = useState<GalleryItemView[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listGallery({ session: sessionId, limit: 24 })
      .then((page) => setItems((live) => page.items.reduce(mergeItem, live)))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [sessionId]);

  useEffect(() => {
    if (!socket) return;
    const created = (p: unknown) => {
      const parsed = CreatedSchema.safeParse(p);
      if (parsed.success && parsed.data.item.sessionId === sessionId)
        setItems((old) => mergeItem(old, parsed.data.item));
    };
    const deleted = (p: unknown) => {
      const parsed = DeletedSchema.safeParse(p);
      if (parsed.success) setItems((old) => old.filter((i) => i.id !== parsed.data.itemId));
    };
    socket.on("gallery:created", created);
    socket.on("gallery:deleted", deleted);
    return () => {
      socket.off("gallery:created", created);
      socket.off("gallery:deleted", deleted);
    };
  }, [socket, sessionId]);

  async function remove(id: string) {
    try {
      await deleteGalleryItem(id);
      setItems((old) => old.filter((i) => i.id !== id));
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
