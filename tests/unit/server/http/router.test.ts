import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { z } from "zod";
import { readJson, sendJson } from "../../../../server/http/respond";
import { createRouter, type HttpDeps, type Route } from "../../../../server/http/router";
import { AppError } from "../../../../server/errors";

const routes: Route[] = [
  { method: "GET", path: "/api/things/:id/file.json", handler: (ctx) => sendJson(ctx.res, 200, { id: ctx.params.id }) },
  {
    method: "POST",
    path: "/api/things",
    handler: async (ctx) => sendJson(ctx.res, 201, await readJson(ctx.req, z.object({ n: z.number() }).strict(), 100)),
  },
  {
    method: "GET",
    path: "/api/boom",
    handler: () => {
      throw new Error("secret detail");
    },
  },
  {
    method: "GET",
    path: "/api/nope",
    handler: () => {
      throw new AppError("forbidden", "not yours");
    },
  },
];

let base = "";
let server: http.Server;
const logged: string[] = [];

before(async () => {
  const deps = { config: { publicUrl: null }, log: (m: string) => logged.push(m) } as unknown as HttpDeps;
  const handle = createRouter(routes, deps);
  server = http.createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) res.writeHead(299).end("next");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test("params are matched per segment and decoded; literal dots are not wildcards", async () => {
  assert.deepEqual(await (await fetch(`${base}/api/things/a%2Db/file.json`)).json(), { id: "a-b" });
  assert.equal((await fetch(`${base}/api/things/a/fileXjson`)).status, 404);
});

test("non-API paths are left to the next handler; unknown API paths are JSON 404; wrong method 405", async () => {
  assert.equal((await fetch(`${base}/s/abc`)).status, 299);
  const r = await fetch(`${base}/api/unknown`);
  assert.equal(r.status, 404);
  assert.equal(((await r.json()) as { error: { code: string } }).error.code, "not_found");
  assert.equal((await fetch(`${base}/api/things`, { method: "DELETE" })).status, 405);
});

test("bodies: zod errors -> 400, bad JSON -> 400, too large -> 413, wrong content type -> 415", async () => {
  const post = (body: string, type = "application/json") =>
    fetch(`${base}/api/things`, { method: "POST", headers: { "content-type": type }, body });
  assert.equal((await post(JSON.stringify({ n: 1 }))).status, 201);
  const bad = await post(JSON.stringify({ n: "x" }));
  assert.equal(bad.status, 400);
  const { error } = (await bad.json()) as { error: { code: string; message: string } };
  assert.equal(error.code, "bad_request");
  assert.match(error.message, /^n: /);
  assert.equal((await post("{nope")).status, 400);
  assert.equal((await post(JSON.stringify({ n: 1, pad: "x".repeat(200) }))).status, 413);
  assert.equal((await post("n=1", "application/x-www-form-urlencoded")).status, 415);
});

test("domain errors keep their status and message; unexpected errors are hidden as 500", async () => {
  const nope = await fetch(`${base}/api/nope`);
  assert.equal(nope.status, 403);
  assert.deepEqual(await nope.json(), { error: { code: "forbidden", message: "not yours" } });
  const boom = await fetch(`${base}/api/boom`);
  assert.equal(boom.status, 500);
  assert.deepEqual(await boom.json(), { error: { code: "internal", message: "internal error" } });
  assert.ok(logged.length > 0, "the real error is logged");
});
