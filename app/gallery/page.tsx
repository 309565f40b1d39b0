import type { Metadata } from "next";
import { GalleryBrowser } from "../components/gallery/GalleryBrowser";

export const metadata: Metadata = { title: "Gallery · VAE Playground" };

/** /gallery — every saved picture, newest first; `?session=<id>` filters to one session. */
export default async function GalleryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const q = await searchParams;
  const session = typeof q.session === "string" ? q.session : "";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Gallery</h1>
      <GalleryBrowser initialSession={session} />
    </div>
  );
}
