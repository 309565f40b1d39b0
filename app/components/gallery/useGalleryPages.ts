"use client";

import { useCallback, useEffect, useState } from "react";
import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { errorMessage } from "../../../lib/errors";
import { deleteGalleryItem, listGallery } from "./galleryClient";

const PAGE = 24;

/** The gallery's items, newest first, of one session or all (""), a page at a time. */
export function useGalleryPages(session: string) {
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

  return { items, hasOlder: next !== null, loadOlder: () => void load(next), loading, error, remove };
}
