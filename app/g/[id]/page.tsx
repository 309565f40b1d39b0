import type { Metadata } from "next";
import { GalleryItemDetails } from "../../components/gallery/GalleryItemDetails";

export const metadata: Metadata = { title: "Gallery item · VAE Playground" };

/** /g/<id> — one saved picture and how it was made, with links to its session. */
export default async function GalleryItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <GalleryItemDetails id={id} />;
}
