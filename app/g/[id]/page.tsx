import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GalleryItemDetails } from "../../components/gallery/GalleryItemDetails";
import { findGalleryItem, titleOf } from "../../data/pageData";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: titleOf(await findGalleryItem(id), (item) => item.title, "Picture not found") };
}

/** /g/<id> — one saved picture and how it was made, with links to its session. 404 for unknown items. */
export default async function GalleryItemPage({ params }: Props) {
  const { id } = await params;
  const item = await findGalleryItem(id);
  if (item === "missing") notFound();
  if (item === "unknown") throw new Error("the gallery could not be read; try again in a moment");
  return <GalleryItemDetails item={item.found} />;
}
