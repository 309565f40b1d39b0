import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { StartJob } from "../../../server/scheduler/types";
import { createSession, databases, startServer, tinyOverrides } from "./helpers";

/** A job that never trains: these tests are about admission, not training. */
const idleJob: StartJob = () => ({
  done: new Promise(() => {}),
  pause() {},
  resume() {},
  stop() {},
  terminate: async () => {},
});

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const oneRun = { runs: [{ preset: "vae-seed", overrides: tinyOverrides() }] };

const sqlite = databases[0]!;

describe("session creation rate limit (SESSION_CREATE_LIMIT)", () => {
  test("one client gets `limit` new sessions a minute; then 429 with Retry-After, forks included; reads still work", async () => {
    const database = await sqlite.create();
    const server = await startServer({ databaseUrl: database.url, startJob: idleJob, sessionCreateLimit: 2 });
    try {
      const first = await createSession(server.base, oneRun);
      // A malformed request is refused before it counts against the allowance.
      assert.equal((await post(server.base, "/api/sessions", { runs: [] })).status, 400);
      await createSession(server.base, oneRun);
      const refused = await post(server.base, "/api/sessions", oneRun);
      assert.equal(refused.status, 429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.match(
        ((await refused.json()) as { error: { message: string } }).error.message,
        /at most 2 a minute.*try again in \d+ s/,
      );
      assert.equal(
        (await post(server.base, `/api/sessions/${first.id}/fork`, {})).status,
        429,
        "a fork starts training too",
      );
      assert.equal((await fetch(`${server.base}/api/sessions/${first.id}`)).status, 200, "reading is not limited");
      const list = (await (await fetch(`${server.base}/api/sessions?limit=10`)).json()) as { sessions: unknown[] };
      assert.equal(list.sessions.length, 2, "the refused requests created nothing");
    } finally {
      await server.stop();
      await database.drop();
    }
  });

  test("SESSION_CREATE_LIMIT=0 turns the limit off", async () => {
    const database = await sqlite.create();
    const server = await startServer({ databaseUrl: database.url, startJob: idleJob, sessionCreateLimit: 0 });
    try {
      for (let i = 0; i < 5; i++) await createSession(server.base, oneRun);
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});
