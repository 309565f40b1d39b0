import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { galleryItemFacts } from "./galleryItemFacts";

/** A gallery item's picture (pixelated, as saved) beside the facts of how it was made. */
export function GalleryItemPicture({ item }: { item: GalleryItemView }) {
  return (
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
  );
}
