import type { Metadata } from "next";
import { NotFoundMessage } from "../../components/NotFoundMessage";

export const metadata: Metadata = { title: "Picture not found · VAE Playground" };

/** /g/<id> for a gallery item that does not exist (HTTP 404). */
export default function GalleryItemNotFound() {
  return (
    <NotFoundMessage title="This gallery picture does not exist">
      <p>The link may be mistyped, or the person who saved the picture deleted it.</p>
    </NotFoundMessage>
  );
}
