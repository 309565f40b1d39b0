import { Decoder, Encoder } from "socket.io-parser";
import { GRID_KINDS } from "../../lib/contracts/training";
import { MAX_RUNS_PER_SESSION, SNAPSHOT_LATENT_EPOCHS } from "../../lib/contracts/session";

/**
 * Socket.IO's packet parser with room for a snapshot's binary parts. Its decoder refuses packets of more than 10
 * binary attachments ("parse error: too many attachments", and the client disconnects) — a guard for servers against
 * clients; here the client decodes what our own server sends, and a late joiner's snapshot carries one attachment per
 * sample grid and two per latent scatter epoch: up to MAX_SNAPSHOT_ATTACHMENTS. The wire format is Socket.IO's own,
 * so the server keeps its default parser.
 */
export const MAX_SNAPSHOT_ATTACHMENTS = MAX_RUNS_PER_SESSION * (GRID_KINDS.length + 2 * SNAPSHOT_LATENT_EPOCHS);

class SnapshotDecoder extends Decoder {
  constructor() {
    super({ maxAttachments: MAX_SNAPSHOT_ATTACHMENTS });
  }
}

/** Pass as `parser` to socket.io-client's io(). */
export const socketParser = { Encoder, Decoder: SnapshotDecoder };
