"use client";

import Link from "next/link";
import type { GalleryItemView } from "../../../lib/contracts/gallery";

/** A saved picture as a thumbnail with its title and kind, linking to its own page. */
export function GalleryCard({ item, onDelete }: { item: GalleryItemView; onDelete?: (id: string) => void }) {
  return (
    <li className="w-40 shrink-0 rounded-lg border border-slate-800 bg-slate-900/60 p-2" data-testid="gallery-item" data-id={item.id} data-kind={item.kind}>
      <Link href={`/g/${item.id}`} className="block">
        {/* eslint-disable-next-line @next/next/no-img-element -- a tiny server PNG; next/image adds nothing here */}
        <img src={item.imageUrl} alt={item.title} className="h-32 w-full rounded bg-black object-contain" style={{ imageRendering: "pixelated" }} loading="lazy" />
        <span className="mt-1 block truncate text-xs text-slate-200">{item.title}</span>
      </Link>
      <span className="block text-[11px] text-slate-500">
        {item.kind}
        {item.meta.epoch !== undefined ? ` · epoch ${item.meta.epoch}` : ""}
      </span>
      {onDelete && (
        <button type="button" onClick={() => onDelete(item.id)} className="mt-1 text-[11px] text-rose-400 underline" aria-label={`Delete ${item.title}`}>
          Delete
        </button>
      )}
    </li>
  );
}
