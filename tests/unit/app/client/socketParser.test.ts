import { test } from "node:test";
import assert from "node:assert/strict";
import { Decoder, Encoder, PacketType } from "socket.io-parser";
import { MAX_SNAPSHOT_ATTACHMENTS, socketParser } from "../../../../app/client/socketParser";

/** A join ack shaped like the largest snapshot: `n` binary parts. */
function encodedAck(n: number): (string | Buffer)[] {
  const latent = Array.from({ length: n }, (_, i) => new Float32Array([i, -i]));
  const parts = new Encoder().encode({ type: PacketType.ACK, nsp: "/", id: 1, data: [{ data: { latent } }] });
  // The encoder's parts are typed any: strings, and typed arrays for the binary attachments.
  return parts.map((p: string | ArrayBufferView) =>
    typeof p === "string" ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength),
  );
}

function decode(decoder: Decoder, parts: (string | Buffer)[]): unknown {
  let out: unknown = null;
  decoder.on("decoded", (p: unknown) => (out = p));
  for (const p of parts) decoder.add(p);
  return out;
}

test("a snapshot of the largest session decodes with the page's parser; Socket.IO's default stops at 10 binary parts", () => {
  const parts = encodedAck(MAX_SNAPSHOT_ATTACHMENTS);
  const decoded = decode(new socketParser.Decoder(), parts) as { data: [{ data: { latent: Buffer[] } }] };
  assert.equal(decoded.data[0].data.latent.length, MAX_SNAPSHOT_ATTACHMENTS);
  assert.throws(() => decode(new Decoder(), encodedAck(11)), /too many attachments/);
  assert.throws(
    () => decode(new socketParser.Decoder(), encodedAck(MAX_SNAPSHOT_ATTACHMENTS + 1)),
    /too many attachments/,
  );
});
