"use client";

import { useEffect, useState } from "react";
import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { errorMessage } from "../../../lib/errors";
import { deleteGalleryItem, listGallery } from "./galleryClient";

const PAGE = 24;

/** The gallery's items, newest first, of one session or all (""), a page at a time. */
export function useGalleryPages(session: string) {
  const [items, setItems] = useState<GalleryItemView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The first page is loading until it has arrived for this `session`; older pages have their own flag.
  const [firstPageOf, setFirstPageOf] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  useEffect(() => {
    let cancelled = false;
    listGallery({ session: session || undefined, before: null, limit: PAGE })
      .then((page) => {
        if (cancelled) return;
        setItems(page.items);
        setNext(page.nextBefore);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      })
      .finally(() => {
        if (!cancelled) setFirstPageOf(session);
      });
    return () => {
      cancelled = true;
    };
  }, [session]);

  function loadOlder() {
    if (next === null) return;
    setLoadingOlder(true);
    setError(null);
    listGallery({ session: session || undefined, before: next, limit: PAGE })
      .then((page) => {
        setItems((old) => [...old, ...page.items]);
        setNext(page.nextBefore);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setLoadingOlder(false));
  }

  async function remove(id: string) {
    try {
      await deleteGalleryItem(id);
      setItems((old) => old.filter((i) => i.id !== id));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return { items, hasOlder: next !== null, loadOlder, loading: firstPageOf !== session || loadingOlder, error, remove };
}
