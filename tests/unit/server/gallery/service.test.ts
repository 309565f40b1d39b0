import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createGalleryService, type GalleryEvents } from "../../../../server/gallery/service";
import { createRateLimiter } from "../../../../server/http/rateLimit";
import { AppError } from "../../../../server/errors";
import { readPngSize } from "../../../../server/gallery/png";
import { fakeGalleryRepository, ONE_PIXEL_PNG } from "./fakes";

function setup(opts: { max?: number } = {}) {
  const gallery = fakeGalleryRepository();
  const events: string[] = [];
  const sink: GalleryEvents = {
    created: (s, item) => events.push(`created ${s} ${item.id}`),
    deleted: (s, id) => events.push(`deleted ${s} ${id}`),
  };
  let clock = 0;
  const service = createGalleryService({
    gallery,
    sessions: {
      get: async (id) =>
        id === "s1" || id === "s2"
          ? { id, title: `session ${id}`, dataset: "mnist", ownerTokenHash: "", createdAt: new Date() }
          : null,
    },
    // Checkpoint c1 belongs to session s1, c2 to s2.
    checkpoints: { sessionOf: async (id) => ({ c1: "s1", c2: "s2" })[id] ?? null },
    events: sink,
    limiter: createRateLimiter({ max: opts.max ?? 10, windowMs: 60_000, now: () => clock }),
  });
  return { service, gallery, events, advance: (ms: number) => (clock += ms) };
}

const body = (over: Record<string, unknown> = {}) => ({
  sessionId: "s1",
  kind: "generation",
  png: ONE_PIXEL_PNG,
  meta: { digit: 7, temperature: 0.8, seed: 3, latent: [0.1, -0.2] },
  ...over,
});

async function rejectsWith(p: Promise<unknown>, status: number, message: RegExp) {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.status === status && message.test(e.message));
}

describe("gallery service", () => {
  it("creates an item, returns an author token, stores only its hash, and announces it to the session", async () => {
    const { service, gallery, events } = setup();
    const res = await service.create(body({ title: "  sevens  " }), { clientKey: "ip1" });
    assert.equal(res.item.title, "sevens");
    assert.equal(res.item.imageUrl, `/api/gallery/${res.item.id}/image.png`);
    assert.deepEqual(res.item.meta, { digit: 7, temperature: 0.8, seed: 3, latent: [0.1, -0.2] });
    assert.match(res.authorToken, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(!JSON.stringify(gallery.items).includes(res.authorToken), "token stored in clear");
    assert.deepEqual(events, [`created s1 ${res.item.id}`]);
    assert.deepEqual(await service.image(res.item.id), new Uint8Array(Buffer.from(ONE_PIXEL_PNG, "base64")));
  });

  it("items carry their session's title (for 'from <title>' links); sessions() lists sessions with items for the filter", async () => {
    const { service } = setup();
    const a = await service.create(body(), { clientKey: "ip1" });
    await service.create(body({ sessionId: "s2" }), { clientKey: "ip1" });
    await service.create(body({ sessionId: "s2" }), { clientKey: "ip1" });
    assert.equal(a.item.sessionTitle, "session s1");
    assert.equal((await service.get(a.item.id)).sessionTitle, "session s1");
    const page = await service.list({});
    assert.deepEqual(
      page.items.map((i) => i.sessionTitle),
      ["session s2", "session s2", "session s1"],
    );
    assert.deepEqual((await service.sessions({})).sessions, [
      { id: "s2", title: "title of s2", items: 2 },
      { id: "s1", title: "title of s1", items: 1 },
    ]);
    await rejectsWith(service.sessions({ limit: "0" }), 400, /limit/);
  });

  it("reuses the browser's author token so one token deletes all its items", async () => {
    const { service } = setup();
    const a = await service.create(body(), { clientKey: "ip1" });
    const b = await service.create(body(), { clientKey: "ip1", authorToken: a.authorToken });
    assert.equal(b.authorToken, a.authorToken);
    await service.remove(a.item.id, a.authorToken);
    await service.remove(b.item.id, a.authorToken);
  });

  it("rejects bad bodies with a message naming the field", async () => {
    const { service } = setup();
    const ctx = { clientKey: "ip" };
    await rejectsWith(service.create(body({ kind: "selfie" }), ctx), 400, /^kind:/);
    await rejectsWith(service.create(body({ meta: { digit: 12 } }), ctx), 400, /^meta\.digit:/);
    await rejectsWith(service.create(body({ meta: { mask: "01" } }), ctx), 400, /mask must be 784/);
    await rejectsWith(service.create(body({ meta: { password: "x" } }), ctx), 400, /meta/);
    await rejectsWith(
      service.create(body({ png: Buffer.from("GIF89a not a png at all, no").toString("base64") }), ctx),
      400,
      /not a PNG/,
    );
    await rejectsWith(service.create(body({ png: "@@@@not base64" }), ctx), 400, /base64/);
    await rejectsWith(service.create(body({ sessionId: "nope" }), ctx), 404, /session not found/);
    await rejectsWith(service.create("not even an object", ctx), 400, /.+/);
  });

  it("rejects images over 512 KB with 413, however far over", async () => {
    const { service } = setup();
    const png = Buffer.from(ONE_PIXEL_PNG, "base64");
    const big = Buffer.concat([png, Buffer.alloc(600 * 1024)]);
    await rejectsWith(service.create(body({ png: big.toString("base64") }), { clientKey: "ip" }), 413, /512 KB/);
    await rejectsWith(
      service.create(body({ png: big.toString("base64"), kind: "selfie" }), { clientKey: "ip" }),
      413,
      /512 KB/,
    );
    const justOver = Buffer.concat([png, Buffer.alloc(512 * 1024 - png.length + 1)]);
    await rejectsWith(service.create(body({ png: justOver.toString("base64") }), { clientKey: "ip" }), 413, /512 KB/);
  });

  it("rate limits saves per client: the 11th in a minute gets 429 with a retry time; a minute later it works", async () => {
    const { service, advance } = setup();
    for (let i = 0; i < 10; i++) await service.create(body(), { clientKey: "ip1" });
    await rejectsWith(service.create(body(), { clientKey: "ip1" }), 429, /at most 10 a minute, try again in 60 s/);
    await service.create(body(), { clientKey: "ip2" }); // another client is not affected
    advance(60_001);
    await service.create(body(), { clientKey: "ip1" });
  });

  it("a stranger cannot delete (403) and the item stays; the author can, and the room hears of it", async () => {
    const { service, events } = setup();
    const { item, authorToken } = await service.create(body(), { clientKey: "ip" });
    await rejectsWith(service.remove(item.id, null), 403, /only the author/);
    await rejectsWith(service.remove(item.id, "x".repeat(43)), 403, /only the author/);
    assert.equal((await service.get(item.id)).id, item.id);
    await service.remove(item.id, authorToken);
    await rejectsWith(service.get(item.id), 404, /not found/);
    assert.equal(events.at(-1), `deleted s1 ${item.id}`);
  });

  it("lists newest first with a session filter and a cursor", async () => {
    const { service } = setup({ max: 100 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await service.create(body({ sessionId: i % 2 ? "s2" : "s1" }), { clientKey: "ip" })).item.id);
    const page1 = await service.list({ limit: "2" });
    assert.deepEqual(
      page1.items.map((i) => i.id),
      [ids[4], ids[3]],
    );
    const page2 = await service.list({ limit: "2", before: page1.nextBefore });
    assert.deepEqual(
      page2.items.map((i) => i.id),
      [ids[2], ids[1]],
    );
    const page3 = await service.list({ limit: "2", before: page2.nextBefore });
    assert.deepEqual(
      page3.items.map((i) => i.id),
      [ids[0]],
    );
    assert.equal(page3.nextBefore, null);
    const s2 = await service.list({ session: "s2" });
    assert.deepEqual(
      s2.items.map((i) => i.id),
      [ids[3], ids[1]],
    );
    await rejectsWith(service.list({ limit: "1000" }), 400, /^limit:/);
  });

  it("reads PNG sizes from the header", () => {
    assert.deepEqual(readPngSize(new Uint8Array(Buffer.from(ONE_PIXEL_PNG, "base64"))), { width: 1, height: 1 });
    assert.equal(readPngSize(new Uint8Array(40)), null);
  });
});
