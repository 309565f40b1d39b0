import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PlayView } from "../../../components/play/PlayView";
import { findSession, titleOf } from "../../../data/pageData";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: titleOf(await findSession(id), (s) => `Play: ${s.title}`, "Session not found") };
}

/** /s/<id>/play — generate, explore and inpaint digits in the browser with the session's latest checkpoint. 404 for unknown sessions. */
export default async function PlayPage({ params }: Props) {
  const { id } = await params;
  if ((await findSession(id)) === "missing") notFound();
  return <PlayView sessionId={id} />;
}
