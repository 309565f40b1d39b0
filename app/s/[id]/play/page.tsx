import type { Metadata } from "next";
import { PlayView } from "../../../components/play/PlayView";

export const metadata: Metadata = { title: "Play · VAE Playground" };

/** /s/<id>/play — generate, explore and inpaint digits in the browser with the session's latest checkpoint. */
export default async function PlayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PlayView sessionId={id} />;
}
