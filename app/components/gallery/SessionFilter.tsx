"use client";

import { useEffect, useId, useState } from "react";
import type { GallerySession } from "../../../lib/contracts/gallery";
import { listGallerySessions } from "./galleryClient";

/**
 * "From session: [title ▾]" — the sessions that have pictures, by title (with how many, since titles
 * repeat). A session asked for by id in the address but not in the list still gets an entry.
 */
export function SessionFilter({ value, onChange }: { value: string; onChange: (sessionId: string) => void }) {
  const id = useId();
  const [sessions, setSessions] = useState<GallerySession[] | null>(null);
  useEffect(() => {
    listGallerySessions().then(setSessions, () => setSessions([]));
  }, []);
  const known = sessions?.some((s) => s.id === value) ?? false;

  return (
    <div className="flex min-w-0 flex-col gap-1 text-sm">
      <label htmlFor={id} className="text-slate-300">
        From session
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={sessions === null}
        className="w-full max-w-md rounded border border-slate-700 bg-slate-900 px-2 py-1.5 text-slate-100 sm:w-auto"
      >
        <option value="">All sessions</option>
        {value && !known && <option value={value}>{sessions === null ? "loading…" : "this session"}</option>}
        {sessions?.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title} ({s.items} {s.items === 1 ? "picture" : "pictures"})
          </option>
        ))}
      </select>
    </div>
  );
}
