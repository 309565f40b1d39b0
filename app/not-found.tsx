import type { Metadata } from "next";
import { NotFoundMessage } from "./components/NotFoundMessage";

export const metadata: Metadata = { title: "Page not found · VAE Playground" };

/** Unknown routes (and any notFound() without a closer not-found page): HTTP 404 in the app's look. */
export default function NotFound() {
  return (
    <NotFoundMessage title="This page does not exist">
      <p>The address may be mistyped, or the page may have moved.</p>
    </NotFoundMessage>
  );
}
