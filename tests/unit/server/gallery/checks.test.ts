import assert from "node:assert/strict";
import { describe, it } from "node:test";
import zlib from "node:zlib";
import { PNG } from "pngjs";
import { createGalleryService } from "../../../../server/gallery/service";
import { AppError } from "../../../../server/errors";
import { checkPng } from "../../../../server/gallery/png";
import { createRateLimiter } from "../../../../server/http/rateLimit";
import { fakeGalleryRepository, ONE_PIXEL_PNG } from "./fakes";

/** A real w x h PNG from pngjs. */
function png(w = 4, h = 3): Buffer {
  const image = new PNG({ width: w, height: h });
  image.data.fill(200);
  return PNG.sync.write(image);
}

/** The byte offset of the first chunk of this type. */
function chunkAt(bytes: Buffer, type: string): number {
  let at = 8;
  while (at < bytes.length) {
    if (bytes.toString("latin1", at + 4, at + 8) === type) return at;
    at += 12 + bytes.readUInt32BE(at);
  }
  throw new Error(`no ${type}`);
}

/** `bytes` with the IDAT's compressed data damaged and its CRC recomputed, so only a full decode can tell. */
function damagedIdat(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const at = chunkAt(out, "IDAT");
  const length = out.readUInt32BE(at);
  out.fill(0xff, at + 8 + 2, at + 8 + length - 4); // keep the zlib header, destroy the stream
  out.writeUInt32BE(zlib.crc32(out.subarray(at + 4, at + 8 + length)), at + 8 + length);
  return out;
}

describe("PNG checks beyond the header", () => {
  it("a real PNG passes and reports its size", () => {
    assert.deepEqual(checkPng(png(4, 3)), { width: 4, height: 3 });
    assert.deepEqual(checkPng(Buffer.from(ONE_PIXEL_PNG, "base64")), { width: 1, height: 1 });
  });

  it("a PNG followed by HTML is refused (bytes after IEND)", () => {
    const polyglot = Buffer.concat([png(), Buffer.from("<html><script>alert(1)</script></html>")]);
    assert.match((checkPng(polyglot) as { error: string }).error, /bytes after the end of the image/);
  });

  it("a header with nothing behind it, a cut file, a bad CRC and damaged image data are refused", () => {
    const good = png();
    assert.match((checkPng(good.subarray(0, 40)) as { error: string }).error, /truncated/);
    const badCrc = Buffer.from(good);
    badCrc[chunkAt(badCrc, "IDAT") + 9]! ^= 0xff;
    assert.ok("error" in checkPng(badCrc), "CRC mismatch");
    assert.match((checkPng(damagedIdat(good)) as { error: string }).error, /image data is not valid/);
  });

  it("oversized dimensions are refused before decoding", () => {
    const header = Buffer.from(png());
    header.writeUInt32BE(5000, 16); // width in IHDR (CRC now wrong too, but the size check comes first)
    assert.match((checkPng(header) as { error: string }).error, /max 4096 px/);
  });
});

describe("gallery saves: refused requests do not spend the allowance", () => {
  function setup() {
    const gallery = fakeGalleryRepository();
    const service = createGalleryService({
      gallery,
      sessions: {
        get: async (id) =>
          id === "s1" || id === "s2"
            ? { id, title: id, dataset: "mnist", ownerTokenHash: "", createdAt: new Date() }
            : null,
      },
      checkpoints: { sessionOf: async (id) => ({ c1: "s1", c2: "s2" })[id] ?? null },
      limiter: createRateLimiter({ max: 1, windowMs: 60_000 }),
    });
    return { service, gallery };
  }
  const body = (over: Record<string, unknown> = {}) => ({
    sessionId: "s1",
    kind: "generation",
    png: ONE_PIXEL_PNG,
    ...over,
  });
  const rejects = (p: Promise<unknown>, status: number, re: RegExp) =>
    assert.rejects(p, (e: unknown) => e instanceof AppError && e.status === status && re.test(e.message));

  it("an unknown checkpoint id or one of another session is 404 and the one save a minute is still there", async () => {
    const { service, gallery } = setup();
    await rejects(service.create(body({ checkpointId: "missing" }), { clientKey: "ip" }), 404, /checkpoint not found/);
    await rejects(
      service.create(body({ checkpointId: "c2" }), { clientKey: "ip" }),
      404,
      /checkpoint not found in this session/,
    );
    await rejects(
      service.create(body({ png: damagedIdat(png()).toString("base64") }), { clientKey: "ip" }),
      400,
      /png/,
    );
    const saved = await service.create(body({ checkpointId: "c1" }), { clientKey: "ip" });
    assert.equal(saved.item.checkpointId, "c1");
    assert.equal(gallery.items.length, 1);
    await rejects(service.create(body(), { clientKey: "ip" }), 429, /too many saves/);
  });

  it("titles lose control and bidi characters (NUL, RLO, newlines); empty ones get the kind's default", async () => {
    const { service } = setup();
    const { item } = await service.create(body({ title: "my\u0000 \u202Egpj.exe\u202C\nsevens\t" }), {
      clientKey: "a",
    });
    assert.equal(item.title, "my gpj.exe sevens");
    const { item: plain } = await setup().service.create(body({ title: "\u200E\u0007" }), { clientKey: "b" });
    assert.equal(plain.title, "Generated digits");
  });
});
