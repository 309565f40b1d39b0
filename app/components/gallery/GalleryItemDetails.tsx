"use client";

import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { errorMessage } from "../../../lib/errors";
import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { downloadName } from "../../../lib/images/downloadName";
import { textLink } from "../ui";
import { deleteGalleryItem, isMine, subscribeToStorage } from "./galleryClient";
import { galleryItemFacts } from "./galleryItemFacts";

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
  const fileName = downloadName({
    sessionId: item.sessionId,
    sessionTitle: item.sessionTitle,
    kind: item.kind,
    title: item.title,
    epoch: item.meta.epoch,
    seed: item.meta.seed,
    extension: "png",
  });

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
      <div className="flex flex-wrap items-start gap-6">
        {/* eslint-disable-next-line @next/next/no-img-element -- a server PNG, drawn pixelated */}
        <img
          src={item.imageUrl}
          alt={item.title}
          className="rounded-lg bg-black object-contain"
          style={{ imageRendering: "pixelated", maxWidth: "min(100%, 640px)", maxHeight: "70vh", minWidth: 160 }}
        />
        <dl className="grid min-w-0 max-w-xl grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          {galleryItemFacts(item).map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-400">{k}</dt>
              <dd className="mb-1 font-mono text-slate-200 [overflow-wrap:anywhere] sm:mb-0">{v}</dd>
            </div>
          ))}
        </dl>
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-300">
          {error}
        </p>
      )}
      <p className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
        <Link href={`/s/${item.sessionId}`} className={textLink}>
          Open the session
        </Link>
        <Link href={`/s/${item.sessionId}/play`} className={textLink}>
          Play with its model
        </Link>
        <a href={item.imageUrl} download={fileName} className={textLink}>
          Download PNG
        </a>
        {mine && (
          <button
            type="button"
            className="text-rose-300 underline"
            onClick={() =>
              void deleteGalleryItem(item.id).then(
                () => setDeleted(true),
                (e: unknown) => setError(errorMessage(e)),
              )
            }
          >
            Delete
          </button>
        )}
      </p>
    </article>
  );
}
