"use client";

import { useCallback, useEffect, useState } from "react";
import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { GalleryCard } from "./GalleryCard";
import { deleteGalleryItem, isMine, listGallery } from "./galleryClient";
import { errorMessage } from "../../../lib/errors";

const PAGE = 24;

/** /gallery: all items newest first, optional session filter (?session=), "Load older" paging. */
export function GalleryBrowser({ initialSession }: { initialSession: string }) {
  const [session, setSession] = useState(initialSession);
  const [filter, setFilter] = useState(initialSession);
  const [items, setItems] = useState<GalleryItemView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (before: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await listGallery({ session: session || undefined, before, limit: PAGE });
        setItems((old) => (before ? [...old, ...page.items] : page.items));
        setNext(page.nextBefore);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setLoading(false);
      }
    },
    [session],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  async function remove(id: string) {
    try {
      await deleteGalleryItem(id);
      setItems((old) => old.filter((i) => i.id !== id));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setSession(filter.trim());
          history.replaceState(null, "", filter.trim() ? `/gallery?session=${encodeURIComponent(filter.trim())}` : "/gallery");
        }}
      >
        <label className="flex flex-col text-xs text-slate-400">
          Session id
          <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="all sessions" className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-sm text-slate-200" />
        </label>
        <button type="submit" className="rounded border border-slate-700 px-3 py-1 text-sm hover:bg-slate-800">
          Filter
        </button>
      </form>
      {error && <p role="alert" className="text-sm text-rose-400">{error}</p>}
      {items.length === 0 && !loading ? (
        <p className="text-slate-500">No pictures yet{session ? " in this session" : ""}. Open a session&apos;s Play view and press &ldquo;Save to gallery&rdquo;.</p>
      ) : (
        <ul className="flex flex-wrap gap-3" data-testid="gallery-list" data-count={items.length}>
          {items.map((item) => (
            <GalleryCard key={item.id} item={item} onDelete={isMine(item.id) ? remove : undefined} />
          ))}
        </ul>
      )}
      {next && (
        <button type="button" disabled={loading} onClick={() => void load(next)} className="rounded border border-slate-700 px-3 py-1 text-sm hover:bg-slate-800">
          {loading ? "Loading…" : "Load older"}
        </button>
      )}
    </div>
  );
}
