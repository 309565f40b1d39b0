import assert from "node:assert/strict";
import { test } from "node:test";
import type { RunView } from "../../../lib/contracts/session";
import { databases, idleStartJob, requestFrom, startServer, tinyOverrides } from "./helpers";

/**
 * Fair queueing over HTTP, as two visitors (two addresses) meet it: one training slot, the first visitor queues
 * three runs, then a second visitor queues one; the second visitor's run goes before the first visitor's later runs.
 */
test("a second client's run is scheduled before the first client's later runs", async () => {
  const database = await databases[0]!.create();
  const app = await startServer({
    databaseUrl: database.url,
    startJob: idleStartJob().start,
    maxConcurrentRuns: 1,
    sessionCreateLimit: 0,
  });
  try {
    const create = async (from: string, runs: number) => {
      const r = await requestFrom(from, "POST", `${app.base}/api/sessions`, {
        runs: Array.from({ length: runs }, () => ({ preset: "vae-seed", overrides: tinyOverrides() })),
      });
      assert.equal(r.status, 201, r.text);
      return r.json() as { id: string; ownerToken: string };
    };
    const runsOf = async (id: string) =>
      ((await (await fetch(`${app.base}/api/sessions/${id}`)).json()) as { runs: RunView[] }).runs;

    const first = await create("127.0.0.2", 3);
    const second = await create("127.0.0.3", 1);
    const [a1, a2, a3] = await runsOf(first.id);
    const [b1] = await runsOf(second.id);
    assert.equal(a1!.status, "training");
    assert.deepEqual(
      [b1!.queuePosition, a2!.queuePosition, a3!.queuePosition],
      [1, 2, 3],
      "the second client's first run is next",
    );

    // The first client's run ends (stopped): the second client's run trains, not the first client's second.
    const stop = await fetch(`${app.base}/api/sessions/${first.id}/control`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${first.ownerToken}` },
      body: JSON.stringify({ action: "stop", runId: a1!.id }),
    });
    assert.equal(stop.status, 200);
    const until = Date.now() + 10_000;
    while ((await runsOf(second.id))[0]!.status !== "training") {
      if (Date.now() > until) assert.fail("the second client's run did not start");
      await new Promise((r) => setTimeout(r, 20));
    }
    const after = await runsOf(first.id);
    assert.deepEqual(
      after.map((r) => [r.status, r.queuePosition]),
      [
        ["stopped", undefined],
        ["queued", 1],
        ["queued", 2],
      ],
    );
  } finally {
    await app.stop();
    await database.drop();
  }
});
