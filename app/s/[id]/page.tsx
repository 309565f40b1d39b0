import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LiveSession } from "../../components/session/LiveSession";
import { findSession, titleOf } from "../../data/pageData";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: titleOf(await findSession(id), (s) => s.title, "Session not found") };
}

/** /s/<id>: the live view of a session (client-rendered; all data comes over Socket.IO). 404 for unknown sessions. */
export default async function SessionPage({ params }: Props) {
  const { id } = await params;
  if ((await findSession(id)) === "missing") notFound();
  return <LiveSession sessionId={id} />;
}
