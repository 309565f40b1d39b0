import assert from "node:assert/strict";
import net from "node:net";
import { describe, test } from "node:test";
import { PNG } from "pngjs";
import { apiRoutes } from "../../../server/http/routes";
import { startTrainingJob } from "../../../server/training/trainingWorker";
import { fakeArtifacts } from "../../unit/server/scheduler/fakes";
import {
  client,
  connected,
  databases,
  idleStartJob,
  requestFrom,
  startServer,
  tinyOverrides,
  waitUntil,
  type Running,
} from "./helpers";

/** Regressions of issue 10's defects, over HTTP and Socket.IO against a real server. */

const MALFORMED = ["%ZZ", "%", "%E0%A4%A", "%C0%AF"];

/** Sends raw bytes and returns the status line of the answer. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(text));
    let got = "";
    socket.on("data", (d) => {
      got += d.toString("latin1");
      if (got.includes("\r\n")) {
        resolve(got.split("\r\n")[0]!);
        socket.destroy();
      }
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(got.split("\r\n")[0] ?? ""));
  });
}

function pngBase64(extra: Buffer = Buffer.alloc(0)): string {
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(128);
  return Buffer.concat([PNG.sync.write(image), extra]).toString("base64");
}

/** A server on a fresh SQLite database whose runs never train (unless `extra` says otherwise), logging into `logs`. */
async function withServer(
  fn: (app: Running, logs: string[]) => Promise<void>,
  extra: Partial<Parameters<typeof startServer>[0]> = {},
): Promise<void> {
  const database = await databases[0]!.create();
  const logs: string[] = [];
  const app = await startServer({
    databaseUrl: database.url,
    startJob: idleStartJob().start,
    sessionCreateLimit: 0,
    log: (m) => logs.push(m),
    ...extra,
  });
  try {
    await fn(app, logs);
  } finally {
    await app.stop();
    await database.drop();
  }
}

describe("issue 10's defects stay fixed", () => {
  test("malformed percent-encoding in any path parameter of any route answers 400, never 500", async () => {
    await withServer(async (app, logs) => {
      let checked = 0;
      for (const route of apiRoutes().filter((r) => r.path.includes(":"))) {
        const params = route.path.match(/:[A-Za-z]+/g)!.length;
        for (let k = 0; k < params; k++)
          for (const bad of MALFORMED) {
            let n = 0;
            const path = route.path.replace(/:[A-Za-z]+/g, () => (n++ === k ? bad : "x"));
            const r = await fetch(`${app.base}${path}`, {
              method: route.method,
              ...(route.method === "GET" ? {} : { body: "{}", headers: { "content-type": "application/json" } }),
            });
            assert.equal(r.status, 400, `${route.method} ${path}: ${r.status} ${await r.clone().text()}`);
            checked++;
          }
      }
      assert.ok(checked >= 40, `${checked} requests`);
      assert.deepEqual(
        logs.filter((l) => /unhandled|failed/.test(l)),
        [],
        "nothing reached the error log",
      );
    });
  });

  test("a request line the URL parser rejects answers 400; nosniff is on every response, API and Socket.IO", async () => {
    await withServer(async (app) => {
      assert.match(await rawRequest(app.port, "GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n"), /^HTTP\/1\.1 400/);
      assert.match(await rawRequest(app.port, "GET /api/sessions/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n"), /^HTTP\/1\.1 400/);
      // Page paths too, before Next sees them (Next's dynamic pages answered these with 500: tests/e2e/limits.spec.ts).
      for (const page of ["/s/%ZZ", "/g/%C0%AF", "/s/%E0%A4%A/play"])
        assert.equal((await fetch(`${app.base}${page}`)).status, 400, page);
      const responses = await Promise.all([
        fetch(`${app.base}/api/health`),
        fetch(`${app.base}/api/nope`),
        fetch(`${app.base}/api/sessions/%ZZ`),
        fetch(`${app.base}/api/sessions`, { method: "PUT" }),
        fetch(`${app.base}/api/sessions/x/checkpoints`, { method: "OPTIONS" }),
        fetch(`${app.base}/s/whatever`), // a page path (this test server has no Next: 404)
        fetch(`${app.base}/socket.io/?EIO=4&transport=polling`),
      ]);
      assert.deepEqual(
        responses.map((r) => r.status),
        [200, 404, 400, 405, 204, 404, 200],
      );
      for (const r of responses) assert.equal(r.headers.get("x-content-type-options"), "nosniff", r.url);
    });
  });

  test("gallery: an unknown checkpoint or one of another session is refused (404) without spending a save; PNG checks; 413", async () => {
    await withServer(async (app) => {
      const session = async (title: string) => {
        const r = await requestFrom("127.0.0.2", "POST", `${app.base}/api/sessions`, {
          title,
          runs: [{ preset: "vae-seed", overrides: tinyOverrides() }],
          autostart: false,
        });
        const { id } = r.json() as { id: string };
        const run = (await app.repos.runs.listBySession(id))[0]!;
        return { id, checkpoint: (await app.repos.checkpoints.add(run.id, 1, fakeArtifacts(1))).id };
      };
      const mine = await session("mine");
      const theirs = await session("theirs");
      const save = (body: Record<string, unknown>) =>
        requestFrom("127.0.0.9", "POST", `${app.base}/api/gallery`, {
          sessionId: mine.id,
          kind: "generation",
          png: pngBase64(),
          ...body,
        });

      const unknown = await save({ checkpointId: "nope" });
      assert.equal(unknown.status, 404, unknown.text);
      const foreign = await save({ checkpointId: theirs.checkpoint });
      assert.equal(foreign.status, 404, foreign.text);
      assert.match(foreign.text, /checkpoint not found in this session/);
      const polyglot = await save({ png: pngBase64(Buffer.from("<html><script>alert(1)</script>")) });
      assert.equal(polyglot.status, 400);
      assert.match(polyglot.text, /after the end of the image/);
      const huge = await save({ png: pngBase64(Buffer.alloc(600 * 1024)) });
      assert.equal(huge.status, 413, huge.text);

      for (let i = 0; i < 10; i++)
        assert.equal(
          (await save({ checkpointId: mine.checkpoint, title: `t${i}\u202E\u0000\n` })).status,
          201,
          `save ${i + 1} of 10`,
        );
      assert.equal((await save({})).status, 429, "the refused requests above did not count");

      const items = (await (await fetch(`${app.base}/api/gallery?session=${mine.id}`)).json()) as {
        items: { id: string; title: string }[];
      };
      assert.equal(items.items[0]!.title, "t9", "title normalised");
      const image = await fetch(`${app.base}/api/gallery/${items.items[0]!.id}/image.png`);
      assert.equal(image.headers.get("content-type"), "image/png");
      assert.equal(image.headers.get("x-content-type-options"), "nosniff");
    });
  });

  test("session titles lose NUL, control and bidi characters", async () => {
    await withServer(async (app) => {
      const r = await requestFrom("127.0.0.2", "POST", `${app.base}/api/sessions`, {
        title: "Sevens\u0000 \u202Egpj.exe\u202C\r\nline",
        runs: [{ preset: "vae-seed", overrides: tinyOverrides() }],
        autostart: false,
      });
      const { id } = r.json() as { id: string };
      const view = (await (await fetch(`${app.base}/api/sessions/${id}`)).json()) as { title: string };
      assert.equal(view.title, "Sevens gpj.exe line");
      const empty = await requestFrom("127.0.0.2", "POST", `${app.base}/api/sessions`, {
        title: "\u202E\u0000",
        runs: [{ preset: "vae-seed" }],
      });
      assert.equal(empty.status, 400);
    });
  });

  test('a socket\'s "error" event cannot forge log lines: one escaped, cut line each, at most 10 a minute', async () => {
    await withServer(async (app, logs) => {
      const socket = client(app.base);
      try {
        await connected(socket);
        const emit = (socket.emit as (ev: string, ...a: unknown[]) => void).bind(socket);
        emit("error", "boom\nserver: SIGTERM, shutting down (running runs resume at the next start)…");
        for (let i = 0; i < 30; i++) emit("error", "x".repeat(10_000));
        await waitUntil(() => logs.filter((l) => l.includes('"error" event')).length >= 10, 5000, "log lines");
        await new Promise((r) => setTimeout(r, 200));
        const lines = logs.filter((l) => l.includes('"error" event'));
        assert.equal(lines.length, 10, "throttled");
        for (const line of lines) {
          assert.ok(!/[\r\n]/.test(line), `one line: ${line.slice(0, 120)}`);
          assert.ok(line.length < 400, `${line.length} characters`);
        }
        assert.match(lines[0]!, /boom\\nserver: SIGTERM/);
      } finally {
        socket.disconnect();
      }
    });
  });

  test("a start right after a stop works on the real worker (it used to answer 200 and leave the run stopped)", async () => {
    await withServer(
      async (app) => {
        const created = await requestFrom("127.0.0.2", "POST", `${app.base}/api/sessions`, {
          runs: [{ preset: "vae-seed", overrides: tinyOverrides({ epochs: 200, trainSize: 400 }) }],
        });
        const { id, ownerToken } = created.json() as { id: string; ownerToken: string };
        const runId = (await app.repos.runs.listBySession(id))[0]!.id;
        await waitUntil(async () => (await app.repos.checkpoints.list(runId)).length >= 1, 60_000, "first checkpoint");
        const control = (action: string) =>
          fetch(`${app.base}/api/sessions/${id}/control`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${ownerToken}` },
            body: JSON.stringify({ action, runId }),
          });
        assert.equal((await control("stop")).status, 200);
        const start = await control("start");
        assert.equal(start.status, 200, await start.clone().text());
        const [run] = ((await start.json()) as { runs: { status: string }[] }).runs;
        assert.ok(
          run && ["queued", "training"].includes(run.status),
          `started again, not left stopped: ${run?.status}`,
        );
        await waitUntil(async () => (await app.repos.runs.get(runId))!.status === "training", 30_000, "training again");
        assert.equal((await control("stop")).status, 200);
      },
      { startJob: startTrainingJob },
    );
  });
});
