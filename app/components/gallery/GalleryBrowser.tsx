"use client";

import { useState } from "react";
import { buttonSecondary } from "../ui";
import { GalleryCard } from "./GalleryCard";
import { isMine } from "./galleryClient";
import { SessionFilter } from "./SessionFilter";
import { useGalleryPages } from "./useGalleryPages";

/** /gallery: all items newest first, a filter by session title (kept in ?session=), "Load older" paging. */
export function GalleryBrowser({ initialSession }: { initialSession: string }) {
  const [session, setSession] = useState(initialSession);
  const { items, hasOlder, loadOlder, loading, error, remove } = useGalleryPages(session);

  const choose = (sessionId: string) => {
    setSession(sessionId);
    // The filter is part of the address, so a filtered gallery can be shared.
    history.replaceState(null, "", sessionId ? `/gallery?session=${encodeURIComponent(sessionId)}` : "/gallery");
  };

  return (
    <div className="space-y-4">
      <SessionFilter value={session} onChange={choose} />
      {error && (
        <p role="alert" className="text-sm text-rose-300">
          {error}
        </p>
      )}
      {items.length === 0 && !loading ? (
        <p className="text-slate-400">
          No pictures yet{session ? " in this session" : ""}. Open a session&apos;s Play view and press &ldquo;Save to
          gallery&rdquo;.
        </p>
      ) : (
        <ul className="flex flex-wrap gap-3" data-testid="gallery-list" data-count={items.length} aria-busy={loading}>
          {items.map((item) => (
            <GalleryCard key={item.id} item={item} onDelete={isMine(item.id) ? remove : undefined} />
          ))}
        </ul>
      )}
      {hasOlder && (
        <button type="button" disabled={loading} onClick={loadOlder} className={buttonSecondary}>
          {loading ? "Loading…" : "Load older"}
        </button>
      )}
    </div>
  );
}
