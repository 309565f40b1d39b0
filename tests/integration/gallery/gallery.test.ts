import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { createApp, type App } from "../../../server/app";
import { createMemoryRepositories } from "../../../server/repositories/memory";
import type { Repositories } from "../../../server/repositories/types";
import { ONE_PIXEL_PNG } from "../../unit/server/gallery/fakes";

let app: App;
let repos: Repositories;
let base = "";
let sessionId = "";
let viewer: Socket;

before(async () => {
  repos = createMemoryRepositories();
  app = createApp({
    repos,
    startJob: () => {
      throw new Error("no training in gallery tests");
    },
    config: { maxConcurrentRuns: 1, dataDir: mkdtempSync(path.join(tmpdir(), "gallery-it-")), publicUrl: null },
    next: null,
    log: () => {},
  });
  const port = await app.listen(0, "127.0.0.1");
  base = `http://127.0.0.1:${port}`;
  sessionId = (await repos.sessions.create({ title: "gallery test", dataset: "mnist", ownerTokenHash: "0".repeat(64) }))
    .id;
  viewer = connect(base, { transports: ["websocket"] });
  const joined = await new Promise<{ error?: { message: string } }>((resolve) =>
    viewer.emit("session:join", { sessionId, protocol: 1 }, resolve),
  );
  assert.ok(!joined.error, joined.error?.message);
});

after(async () => {
  viewer.disconnect();
  await app.close();
  await repos.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/gallery`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const item = (over: Record<string, unknown> = {}) => ({
  sessionId,
  checkpointId: null,
  kind: "generation",
  png: `data:image/png;base64,${ONE_PIXEL_PNG}`,
  meta: { digit: 7, temperature: 1, seed: 1, latent: [0, 1] },
  ...over,
});

async function errorOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: { message: string } }).error.message;
}

describe("gallery HTTP API (real server, port 0)", () => {
  it("saves an item: 201 with an author token; the session's room hears gallery:created; GET by id, list and image work", async () => {
    const heard = new Promise<{ seq: number; item: { id: string; sessionId: string } }>((resolve) =>
      viewer.once("gallery:created", resolve),
    );
    const res = await post(item({ title: "sevens" }));
    assert.equal(res.status, 201);
    const body = (await res.json()) as { item: { id: string; imageUrl: string; title: string }; authorToken: string };
    assert.equal(body.item.title, "sevens");
    const live = await heard;
    assert.equal(live.item.id, body.item.id);
    assert.equal(live.item.sessionId, sessionId);
    assert.equal(typeof live.seq, "number");

    const one = await fetch(`${base}/api/gallery/${body.item.id}`);
    assert.equal(one.status, 200);
    assert.equal(((await one.json()) as { id: string }).id, body.item.id);
    const img = await fetch(`${base}${body.item.imageUrl}`);
    assert.equal(img.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await img.arrayBuffer()), Buffer.from(ONE_PIXEL_PNG, "base64"));
    const list = (await (await fetch(`${base}/api/gallery?session=${sessionId}&limit=5`)).json()) as {
      items: { id: string }[];
    };
    assert.equal(list.items[0]?.id, body.item.id);
  });

  it("items name their session; GET /api/gallery/sessions lists sessions with items by title (400 on a bad limit)", async () => {
    const created = (await (await post(item({ title: "for the filter" }))).json()) as {
      item: { id: string; sessionTitle?: string };
    };
    assert.equal(created.item.sessionTitle, "gallery test");
    const listed = (await (await fetch(`${base}/api/gallery?session=${sessionId}`)).json()) as {
      items: { sessionTitle?: string }[];
    };
    assert.ok(listed.items.every((i) => i.sessionTitle === "gallery test"));
    const res = await fetch(`${base}/api/gallery/sessions`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { sessions: { id: string; title: string; items: number }[] };
    const mine = body.sessions.find((s) => s.id === sessionId);
    assert.equal(mine?.title, "gallery test");
    assert.equal(mine.items, listed.items.length);
    assert.equal((await fetch(`${base}/api/gallery/sessions?limit=abc`)).status, 400);
  });

  it("validation errors are 400 with a message naming the field; other content types 415; unknown ids 404", async () => {
    let res = await post(item({ meta: { digit: 11 } }));
    assert.equal(res.status, 400);
    assert.match(await errorOf(res), /meta\.digit/);
    res = await post(item({ png: Buffer.from("definitely not a png image").toString("base64") }));
    assert.equal(res.status, 400);
    assert.match(await errorOf(res), /not a PNG/);
    res = await post("{oops");
    assert.equal(res.status, 400);
    res = await post(item({ sessionId: "no-such-session" }));
    assert.equal(res.status, 404);
    res = await fetch(`${base}/api/gallery`, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "x" });
    assert.equal(res.status, 415);
    res = await fetch(`${base}/api/gallery/nope`);
    assert.equal(res.status, 404);
    res = await fetch(`${base}/api/gallery?limit=0`);
    assert.equal(res.status, 400);
  });

  it("a body far over the size limit is refused with 413", async () => {
    const res = await post(item({ png: "A".repeat(2 * 1024 * 1024) }));
    assert.equal(res.status, 413);
  });

  it("a stranger cannot delete (403, item stays); the author can (200) and the room hears gallery:deleted", async () => {
    const { item: saved, authorToken } = (await (await post(item())).json()) as {
      item: { id: string };
      authorToken: string;
    };
    let res = await fetch(`${base}/api/gallery/${saved.id}`, { method: "DELETE" });
    assert.equal(res.status, 403);
    res = await fetch(`${base}/api/gallery/${saved.id}`, {
      method: "DELETE",
      headers: { Authorization: "Bearer someone-elses-token-0123456789abcdef0123" },
    });
    assert.equal(res.status, 403);
    assert.equal((await fetch(`${base}/api/gallery/${saved.id}`)).status, 200);
    const heard = new Promise<{ itemId: string }>((resolve) => viewer.once("gallery:deleted", resolve));
    res = await fetch(`${base}/api/gallery/${saved.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${authorToken}` },
    });
    assert.equal(res.status, 200);
    assert.equal((await heard).itemId, saved.id);
    assert.equal((await fetch(`${base}/api/gallery/${saved.id}`)).status, 404);
  });

  it("rate limit: at most 10 saves a minute per client, then 429 with Retry-After", async () => {
    // earlier tests in this file saved 2 items from this client
    let last: Response | null = null;
    for (let i = 0; i < 9; i++) {
      last = await post(item());
      if (last.status === 429) break;
    }
    assert.equal(last?.status, 429);
    assert.match(await errorOf(last), /at most 10 a minute/);
    assert.ok(Number(last.headers.get("retry-after")) > 0);
  });

  it("serves a sample of the MNIST test split for the Play view", async () => {
    const res = await fetch(`${base}/api/mnist/test-sample?n=5`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { n: number; images: string; labels: number[] };
    assert.equal(Buffer.from(body.images, "base64").length, 5 * 784);
    assert.deepEqual(body.labels, [7, 2, 1, 0, 4]); // the first five digits of the official test set
    assert.equal((await fetch(`${base}/api/mnist/test-sample?n=1000`)).status, 400);
  });
});
