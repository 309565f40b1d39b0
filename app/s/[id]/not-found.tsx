import type { Metadata } from "next";
import { NotFoundMessage } from "../../components/NotFoundMessage";

export const metadata: Metadata = { title: "Session not found · VAE Playground" };

/** /s/<id> and /s/<id>/play for a session that does not exist (HTTP 404). */
export default function SessionNotFound() {
  return (
    <NotFoundMessage title="This session does not exist">
      <p>The link may be mistyped, or its owner deleted the session. Sessions are only ever removed by their owner.</p>
    </NotFoundMessage>
  );
}
