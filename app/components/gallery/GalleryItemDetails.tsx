"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { GalleryItemView } from "../../../lib/contracts/gallery";
import { deleteGalleryItem, getGalleryItem, isMine } from "./galleryClient";

/** How the picture was made, in words. */
function describe(item: GalleryItemView): [string, string][] {
  const m = item.meta;
  const rows: [string, string][] = [["Kind", item.kind]];
  if (m.preset) rows.push(["Model", m.preset]);
  if (m.epoch !== undefined) rows.push(["Checkpoint", `epoch ${m.epoch}${item.checkpointId ? ` (${item.checkpointId})` : ""}`]);
  if (m.digit !== undefined) rows.push(["Digit", String(m.digit)]);
  if (m.temperature !== undefined) rows.push(["Temperature", m.temperature.toFixed(2)]);
  if (m.seed !== undefined) rows.push(["Seed", String(m.seed)]);
  if (m.dims) rows.push(["Latent dimensions", m.dims.map((d) => `z${d}`).join(", ")]);
  if (m.latent) rows.push(["Latent vector", `[${m.latent.map((v) => v.toFixed(2)).join(", ")}]`]);
  if (m.latentTo) rows.push(["Interpolated to", `[${m.latentTo.map((v) => v.toFixed(2)).join(", ")}]`]);
  if (m.mask) rows.push(["Mask", `${m.mask.split("").filter((c) => c === "0").length} missing pixels of 784`]);
  if (m.backend) rows.push(["Computed on", `tfjs ${m.backend} in the browser`]);
  rows.push(["Saved", new Date(item.createdAt).toLocaleString()]);
  return rows;
}

export function GalleryItemDetails({ id }: { id: string }) {
  const [item, setItem] = useState<GalleryItemView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState(false);

  useEffect(() => {
    getGalleryItem(id).then(setItem, (e: Error) => setError(e.message));
  }, [id]);

  if (error) return <p role="alert" className="text-rose-400">{error} <Link href="/gallery" className="underline">Back to the gallery</Link></p>;
  if (deleted) return <p>Deleted. <Link href="/gallery" className="text-sky-400 underline">Back to the gallery</Link></p>;
  if (!item) return <p className="text-slate-400">Loading…</p>;
  return (
    <article className="space-y-4" data-testid="gallery-item-page" data-id={item.id}>
      <h1 className="text-2xl font-semibold">{item.title}</h1>
      <div className="flex flex-wrap items-start gap-6">
        {/* eslint-disable-next-line @next/next/no-img-element -- a server PNG, drawn pixelated */}
        <img
          src={item.imageUrl}
          alt={item.title}
          className="rounded-lg bg-black object-contain"
          style={{ imageRendering: "pixelated", maxWidth: "min(100%, 640px)", maxHeight: "70vh", minWidth: 160 }}
        />
        <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {describe(item).map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-400">{k}</dt>
              <dd className="break-all font-mono text-slate-200">{v}</dd>
            </div>
          ))}
        </dl>
      </div>
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href={`/s/${item.sessionId}`} className="text-sky-400 underline">Open the session</Link>
        <Link href={`/s/${item.sessionId}/play`} className="text-sky-400 underline">Play with its model</Link>
        <a href={item.imageUrl} download={`${item.id}.png`} className="text-sky-400 underline">Download PNG</a>
        {isMine(item.id) && (
          <button type="button" className="text-rose-400 underline" onClick={() => deleteGalleryItem(item.id).then(() => setDeleted(true), (e: Error) => setError(e.message))}>
            Delete
          </button>
        )}
      </p>
    </article>
  );
}
