import { LiveSession } from "../../components/session/LiveSession";

/** /s/<id>: the live view of a session (client-rendered; all data comes over Socket.IO). */
export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <LiveSession sessionId={id} />;
}
