import { jsonText } from "../../../lib/jsonText";
import assert from "node:assert/strict";
import net from "node:net";
import { test } from "node:test";
import { PNG } from "pngjs";
import { apiRoutes } from "../../../server/http/routes";
import type { StartJob } from "../../../server/scheduler/types";
import { startTrainingJob } from "../../../server/training/trainingWorker";
import { databases, idleStartJob, startServer, tinyOverrides, waitUntil } from "./helpers";
import { mulberry32 } from "../../../server/training/loop/random";

/**
 * Fuzzing every HTTP route of the API table (server/http/routes.ts, so new routes are covered without editing this
 * file): malformed and real ids, methods, queries, bodies, content types, sizes and credentials, from a fixed seed
 * (FUZZ_SEED to try another, FUZZ_REQUESTS for more). The server must answer every one below 500, log no unhandled
 * error, and still be healthy afterwards.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);

test(
  `fuzz: ${REQUESTS} requests over every API route (seed ${SEED}) — no 5xx, no unhandled error`,
  { timeout: 120_000 },
  async () => {
    const random = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const chance = (p: number) => random() < p;

    // The first run trains for real (so checkpoints, grids and metrics exist); every later one is queued and idles.
    const idle = idleStartJob();
    let starts = 0;
    const startJob: StartJob = (config, opts) =>
      starts++ === 0 ? startTrainingJob(config, opts) : idle.start(config, opts);
    const database = await databases[0]!.create();
    const logs: string[] = [];
    const app = await startServer({
      databaseUrl: database.url,
      startJob,
      sessionCreateLimit: 0,
      log: (m, e) => logs.push(`${m} ${e instanceof Error ? String(e) : (jsonText(e) ?? "")}`),
    });
    try {
      // ---- real data to aim at
      const created = (await (
        await fetch(`${app.base}/api/sessions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            title: "fuzz target",
            runs: [{ preset: "cvae-label", overrides: tinyOverrides({ epochs: 2 }) }],
          }),
        })
      ).json()) as { id: string; ownerToken: string };
      const run = (await app.repos.runs.listBySession(created.id))[0]!;
      await waitUntil(async () => (await app.repos.runs.get(run.id))!.status === "done", 60_000, "the seed run");
      const checkpoint = (await app.repos.checkpoints.list(run.id)).at(-1)!;
      const image = new PNG({ width: 6, height: 6 });
      image.data.fill(90);
      const png = PNG.sync.write(image).toString("base64");
      const item = (await (
        await fetch(`${app.base}/api/gallery`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ sessionId: created.id, checkpointId: checkpoint.id, kind: "generation", png }),
        })
      ).json()) as { item: { id: string }; authorToken: string };

      // ---- what requests are made of
      const ids = [created.id, run.id, checkpoint.id, item.item.id, "latest", "encoder", "decoder"];
      const junk = [
        "%ZZ",
        "%",
        "%E0%A4%A",
        "%C0%AF",
        "%00",
        "..",
        "%2e%2e",
        "x".repeat(300),
        "ü",
        "%F0%9F%98%80",
        "a b",
        "-",
        "_",
        "0",
        "null",
        "%25",
        "'--",
        "<script>",
      ];
      const segment = () => (chance(0.55) ? pick(ids) : pick(junk));
      const queryKeys = ["run", "dtype", "kind", "epoch", "limit", "session", "before", "n", "offset", "x"];
      const queryValues = [
        "",
        "0",
        "-1",
        "1",
        "5",
        "1e309",
        "NaN",
        "999999999999",
        "float16",
        "float32",
        "float64",
        "prior",
        "label-rows",
        "%ZZ",
        run.id,
        created.id,
        item.item.id,
        "a".repeat(500),
      ];
      const methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"] as const;
      const contentTypes = [
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "",
        "application/jsonx",
        "image/png",
      ];
      const deep = (n: number): string => "[".repeat(n) + "]".repeat(n);
      const overrides = () =>
        Object.fromEntries<unknown>(
          (
            [
              ["epochs", pick([1, 2, 500, 0, -1, 1.5, "10"])],
              ["trainSize", pick([10, 1000, 60000, 60001, 5])],
              ["batchSize", pick([1, 128, 1024, 4096])],
              ["latentDim", pick([2, 64, 65, 0])],
              ["encoderHidden", pick([[8], [2048, 2048, 2048, 2048], [], [7], ["a"], [1024, 1024]])],
              ["learningRate", pick([0.001, 0, 1, -1])],
              ["beta", pick([0, 1, 11])],
              ["seed", pick([0, 2 ** 31, 42])],
            ] as const
          ).filter(() => chance(0.4)),
        );
      const jsonBodies: (() => unknown)[] = [
        () => ({
          runs: [
            { preset: pick(["vae-seed", "cvae-label", "cvae-inpaint", "vae-pytorch", "gan"]), overrides: overrides() },
          ],
          autostart: chance(0.3),
          ...(chance(0.5) ? { title: pick(["t", "\u202E\u0000x", "", " ", "x".repeat(2000)]) } : {}),
        }),
        () => ({
          action: pick(["start", "pause", "resume", "stop", "delete", "explode"]),
          ...(chance(0.5) ? { runId: pick([run.id, "nope", "%ZZ"]) } : {}),
        }),
        () => ({ token: pick([created.ownerToken, "x", "", "y".repeat(300)]) }),
        () => ({ title: pick(["fork", "\u0000", ""]), autostart: pick([true, false, "yes"]) }),
        () => ({
          sessionId: pick([created.id, "nope", "%ZZ"]),
          checkpointId: pick([checkpoint.id, "missing", null, 5]),
          kind: pick(["generation", "selfie"]),
          png: pick([
            png,
            "@@@",
            "",
            Buffer.from("<html>").toString("base64"),
            Buffer.concat([Buffer.from(png, "base64"), Buffer.from("<html>")]).toString("base64"),
          ]),
          meta: pick([{}, { digit: 3 }, { digit: 30 }, { mask: "01" }, null, []]),
          title: pick(["ok", "\u202Eevil", undefined]),
        }),
        () =>
          pick<unknown>([
            null,
            0,
            "string",
            [],
            [1, 2],
            {},
            JSON.parse('{"__proto__":{"polluted":true}}'),
            { constructor: { prototype: { x: 1 } } },
            true,
          ]),
      ];
      /** The body each POST route expects, so a good share of requests get past parsing into the use cases. */
      const bodyFor: Record<string, () => unknown> = {
        "/api/sessions": jsonBodies[0]!,
        "/api/sessions/:id/control": jsonBodies[1]!,
        "/api/sessions/:id/claim": jsonBodies[2]!,
        "/api/sessions/:id/fork": jsonBodies[3]!,
        "/api/gallery": jsonBodies[4]!,
      };
      const rawBodies: (() => string | Buffer)[] = [
        () => JSON.stringify(pick(jsonBodies)()),
        () => "{ not json",
        () => "",
        () => deep(pick([10, 1000, 20_000])),
        () => Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))),
        () => "x".repeat(pick([64 * 1024 + 1, 200 * 1024])), // over the JSON limit: 413
        () => JSON.stringify({ sessionId: created.id, kind: "generation", png: "A".repeat(800 * 1024) }), // over the PNG limit
        () => `{"a":${"1".repeat(400)}}`,
      ];
      const authorizations = [
        undefined,
        `Bearer ${created.ownerToken}`,
        "Bearer x",
        "Basic Zm9vOmJhcg==",
        "Bearer ",
        `Bearer ${item.authorToken}`,
        "x".repeat(500),
      ];
      const cookies = [
        undefined,
        `owner_${created.id}=${created.ownerToken}`,
        "owner_%ZZ=%ZZ",
        "=;;;=",
        `owner_${created.id}=${"z".repeat(400)}`,
      ];

      const routes = apiRoutes();
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const route = pick(routes);
        let path = route.path.replace(/:[A-Za-z]+/g, segment);
        if (chance(0.1)) path += pick(["/", "//", "/extra", "%2F", ";x"]);
        if (chance(0.5))
          path += `?${Array.from({ length: 1 + Math.floor(random() * 3) }, () => `${pick(queryKeys)}=${pick(queryValues)}`).join(pick(["&", "?", "&&"]))}`;
        const method = chance(0.8) ? (route.method === "GET" && chance(0.1) ? "HEAD" : route.method) : pick(methods);
        const headers: Record<string, string> = {};
        const contentType = pick(contentTypes);
        if (contentType) headers["content-type"] = contentType;
        const auth = pick(authorizations);
        if (auth) headers.authorization = auth;
        const cookie = pick(cookies);
        if (cookie) headers.cookie = cookie;
        if (chance(0.1)) headers["x-author-token"] = pick([item.authorToken, "short", "%%%"]);
        const hasBody = method !== "GET" && method !== "HEAD" && chance(0.9);
        const own = bodyFor[route.path];
        const wellFormed = hasBody && own !== undefined && method === route.method && chance(0.6);
        if (wellFormed) headers["content-type"] = "application/json";
        const body = wellFormed ? JSON.stringify(own()) : hasBody ? pick(rawBodies)() : undefined;
        let status: number;
        try {
          const res = await fetch(`${app.base}${path}`, {
            method,
            headers,
            ...(body !== undefined ? { body: typeof body === "string" ? body : new Uint8Array(body) } : {}),
          });
          await res.arrayBuffer();
          status = res.status;
        } catch (err) {
          // fetch itself may refuse a request (e.g. a body on some methods); count it, it never reached the server
          status = -1;
          if (!(err instanceof TypeError)) throw err;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500)
          failures.push(
            `${method} ${path} (${headers["content-type"] ?? "no content type"}, body ${typeof body === "string" ? body.slice(0, 80) : body ? "bytes" : "none"}) -> ${status}`,
          );
      }

      // A few request lines fetch cannot send.
      for (const line of [
        "GET http://[ HTTP/1.1",
        "GET /api/sessions/%ZZ HTTP/1.1",
        "POST /api/%% HTTP/1.1",
        "GET /api/gallery/%C0%AF/image.png HTTP/1.1",
      ]) {
        const answer = await new Promise<string>((resolve, reject) => {
          const socket = net.connect(app.port, "127.0.0.1", () =>
            socket.write(`${line}\r\nHost: x\r\nContent-Length: 0\r\n\r\n`),
          );
          let got = "";
          socket.on("data", (d) => {
            got += d.toString("latin1");
            if (got.includes("\r\n")) socket.destroy();
          });
          socket.on("close", () => resolve(got.split("\r\n")[0] ?? ""));
          socket.on("error", reject);
        });
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500 || status === 0) failures.push(`raw "${line}" -> ${answer || "no answer"}`);
      }

      const summary = [...statuses.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}: ${n}`)
        .join(", ");
      console.log(`  fuzz seed ${SEED}: ${REQUESTS + 4} requests over ${routes.length} routes — ${summary}`);
      assert.deepEqual(failures, [], "no 5xx");
      assert.deepEqual(
        logs.filter((l) => /unhandled|request failed/.test(l)),
        [],
        "no unhandled error in the log",
      );
      assert.equal((await fetch(`${app.base}/api/health`)).status, 200, "still healthy");
      assert.ok((statuses.get(-1) ?? 0) < REQUESTS / 10, "most requests reached the server");
    } finally {
      await app.stop();
      await database.drop();
    }
  },
);
