"use client";

import Link from "next/link";
import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { textLink } from "../ui";

/**
 * A saved picture as a thumbnail with its full title (wrapped, never cut), kind and epoch, and the session
 * it came from; the picture and title link to the item's own page.
 */
export function GalleryCard({ item, onDelete }: { item: GalleryItemView; onDelete?: (id: string) => Promise<void> }) {
  return (
    <li
      className="flex w-36 shrink-0 flex-col gap-1 rounded-lg sm:w-40 border border-slate-800 bg-slate-900/60 p-2"
      data-testid="gallery-item"
      data-id={item.id}
      data-kind={item.kind}
    >
      <Link href={`/g/${item.id}`} className="block">
        {/* eslint-disable-next-line @next/next/no-img-element -- a tiny server PNG; next/image adds nothing here */}
        <img
          src={item.imageUrl}
          alt=""
          className="h-32 w-full rounded bg-black object-contain"
          style={{ imageRendering: "pixelated" }}
          loading="lazy"
        />
        <span className="mt-1 block text-xs text-slate-100 [overflow-wrap:anywhere]">{item.title}</span>
      </Link>
      <span className="text-[11px] text-slate-400">
        {item.kind}
        {item.meta.epoch !== undefined ? ` · epoch ${item.meta.epoch}` : ""}
      </span>
      <span className="text-[11px] text-slate-400 [overflow-wrap:anywhere]" data-testid="gallery-item-session">
        from{" "}
        <Link href={`/s/${item.sessionId}`} className={textLink}>
          {item.sessionTitle ?? "its session"}
        </Link>
      </span>
      {onDelete && (
        <button
          type="button"
          onClick={() => void onDelete(item.id)}
          className="self-start text-[11px] text-rose-300 underline"
          aria-label={`Delete ${item.title}`}
        >
          Delete
        </button>
      )}
    </li>
  );
}
