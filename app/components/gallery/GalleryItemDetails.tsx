"use client";

import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { errorMessage } from "../../../lib/errors";
import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { textLink } from "../ui";
import { deleteGalleryItem, isMine, subscribeToStorage } from "./galleryClient";
import { GalleryItemLinks } from "./GalleryItemLinks";
import { GalleryItemPicture } from "./GalleryItemPicture";

/** /g/<id>: the picture, how it was made, where it came from. The page has already checked that it exists. */
export function GalleryItemDetails({ item }: { item: GalleryItemView }) {
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState(false);
  // Only the browser that saved an item may delete it; localStorage is not readable during the server render.
  const mine = useSyncExternalStore(
    subscribeToStorage,
    () => isMine(item.id),
    () => false,
  );

  if (deleted) {
    return (
      <p role="status">
        Deleted.{" "}
        <Link href="/gallery" className={textLink}>
          Back to the gallery
        </Link>
      </p>
    );
  }
  return (
    <article className="space-y-4" data-testid="gallery-item-page" data-id={item.id}>
      <div>
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{item.title}</h1>
        <p className="mt-1 text-sm text-slate-400 [overflow-wrap:anywhere]">
          from{" "}
          <Link href={`/s/${item.sessionId}`} className={textLink}>
            {item.sessionTitle ?? "its session"}
          </Link>
        </p>
      </div>
      <GalleryItemPicture item={item} />
      {error && (
        <p role="alert" className="text-sm text-rose-300">
          {error}
        </p>
      )}
      <GalleryItemLinks
        item={item}
        onDelete={
          mine
            ? () =>
                void deleteGalleryItem(item.id).then(
                  () => setDeleted(true),
                  (e: unknown) => setError(errorMessage(e)),
                )
            : undefined
        }
      />
    </article>
  );
}
