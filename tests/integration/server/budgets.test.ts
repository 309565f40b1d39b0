import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_RUN_LIMITS } from "../../../lib/budget/limits";
import { ATTACK_OVERRIDES as ATTACK } from "../../support/budgetFixtures";
import { databases, idleStartJob, requestFrom, startServer, tinyOverrides } from "./helpers";

const tiny = (runs = 1, autostart = true) => ({
  runs: Array.from({ length: runs }, () => ({ preset: "vae-seed", overrides: tinyOverrides() })),
  autostart,
});

const A = "127.0.0.2";
const B = "127.0.0.3";

for (const db of databases) {
  describe(`budgets per visitor (${db.name})`, { skip: db.skip }, () => {
    test("a model over the limits is refused with 400 naming the limit, and does not use up the creation allowance", async () => {
      const database = await db.create();
      const app = await startServer({
        databaseUrl: database.url,
        startJob: idleStartJob().start,
        sessionCreateLimit: 1,
      });
      try {
        const refused = await requestFrom(A, "POST", `${app.base}/api/sessions`, {
          runs: [{ preset: "vae-seed", overrides: ATTACK }],
        });
        assert.equal(refused.status, 400);
        assert.match(
          refused.text,
          /runs\.0: the model has 28,787,600 parameters; this server allows at most 8,000,000 \(MAX_MODEL_PARAMS\)/,
        );
        const long = await requestFrom(A, "POST", `${app.base}/api/sessions`, {
          runs: [{ preset: "vae-seed", overrides: { epochs: 500 } }],
        });
        assert.equal(long.status, 400);
        assert.match(long.text, /MAX_RUN_IMAGES/);
        assert.equal(
          (await requestFrom(A, "POST", `${app.base}/api/sessions`, tiny())).status,
          201,
          "the one session a minute is still there",
        );
        const limits = (await (await fetch(`${app.base}/api/limits`)).json()) as { limits: unknown };
        assert.deepEqual(limits.limits, DEFAULT_RUN_LIMITS);
      } finally {
        await app.stop();
        await database.drop();
      }
    });

    test("per client: at most N runs waiting or training; the next is 429; other clients are not affected; a stop makes room", async () => {
      const database = await db.create();
      const app = await startServer({
        databaseUrl: database.url,
        startJob: idleStartJob().start,
        limits: { ...DEFAULT_RUN_LIMITS, clientMaxActiveRuns: 3 },
        sessionCreateLimit: 0,
      });
      try {
        const first = await requestFrom(A, "POST", `${app.base}/api/sessions`, tiny(2));
        assert.equal(first.status, 201);
        const over = await requestFrom(A, "POST", `${app.base}/api/sessions`, tiny(2));
        assert.equal(over.status, 429);
        assert.match(
          over.text,
          /you already have 2 runs waiting or training; this server allows 3 per visitor \(CLIENT_MAX_ACTIVE_RUNS\), so 1 more now/,
        );
        assert.equal(
          (await requestFrom(B, "POST", `${app.base}/api/sessions`, tiny(3))).status,
          201,
          "another client has its own budget",
        );
        assert.equal((await requestFrom(A, "POST", `${app.base}/api/sessions`, tiny(1))).status, 201, "one more fits");

        // Runs created without autostart cost nothing until started; starting them counts.
        const waiting = await requestFrom(A, "POST", `${app.base}/api/sessions`, tiny(1, false));
        assert.equal(waiting.status, 201);
        const { id, ownerToken } = waiting.json() as { id: string; ownerToken: string };
        const control = (action: string, sessionId: string, token: string) =>
          fetch(`${app.base}/api/sessions/${sessionId}/control`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: JSON.stringify({ action }),
          });
        const refusedStart = await control("start", id, ownerToken);
        assert.equal(refusedStart.status, 429);
        const { id: firstId, ownerToken: firstToken } = first.json() as { id: string; ownerToken: string };
        assert.equal((await control("stop", firstId, firstToken)).status, 200);
        const started = await control("start", id, ownerToken);
        assert.equal(started.status, 200, await started.clone().text());

        // What the database keeps of a client: a hash, never the address.
        const runs = await app.repos.runs.listByStatus(["queued", "training", "paused", "stopped"]);
        const hashes = new Set(runs.map((r) => r.clientHash));
        assert.equal(hashes.size, 2, "one hash per client");
        for (const h of hashes) assert.match(h ?? "", /^[0-9a-f]{32}$/);
      } finally {
        await app.stop();
        await database.drop();
      }
    });
  });
}
