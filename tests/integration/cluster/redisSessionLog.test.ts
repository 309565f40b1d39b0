import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { redisFactory, keys, type RedisFactory } from "../../../server/distributed/redis";
import { RedisSessionLog } from "../../../server/distributed/redisSessionLog";
import { createMemoryRepositories } from "../../../server/repositories/memory";
import type { LogEntry } from "../../../server/sessions/sessionLog";
import { freePort, REDIS_SERVER, startRedis, waitFor, type Proc } from "./harness";

/**
 * The distributed session log against a real redis-server: entries come back in seq order, and an entry that does
 * not match its delta's contract (written by another version of the code, or damaged) is logged and skipped — it
 * never reaches a room.
 */
describe(
  "RedisSessionLog on a real redis-server",
  { skip: REDIS_SERVER ? undefined : "redis-server is not installed (apt-get install redis-server)" },
  () => {
    let redis: Proc;
    let factory: RedisFactory;
    let log: RedisSessionLog;
    const errors: string[] = [];

    before(async () => {
      const port = await freePort();
      redis = await startRedis(port);
      factory = redisFactory(`redis://127.0.0.1:${port}`, () => {});
      log = new RedisSessionLog(factory, createMemoryRepositories(), "test", {
        blockMs: 200,
        logError: (msg) => errors.push(msg),
      });
    });

    after(async () => {
      await log.close();
      await factory.closeAll();
      await redis.kill("SIGKILL");
    });

    test("entries come back in order; one that does not match its contract is skipped and logged", async () => {
      const sessionId = "s-contract";
      await log.open(sessionId);
      const seen: LogEntry[] = [];
      const unsubscribe = log.subscribe(sessionId, 0, (e) => seen.push(e));
      try {
        const first = await log.append(sessionId, { event: "run:epoch", payload: epochPayload("run-a", 1) });
        // A writer that does not keep the contract: seq 2 by hand, an epoch without its metrics.
        const writer = factory.connect("bad-writer");
        await writer.set(keys.seq(sessionId), "2");
        await writer.xadd(keys.stream(sessionId), "2-0", "e", "run:epoch", "p", JSON.stringify({ runId: "run-a" }));
        const third = await log.append(sessionId, { event: "run:epoch", payload: epochPayload("run-a", 2) });
        await waitFor("entries delivered", () => seen.length >= 2, 10_000);
        assert.equal(first, 1);
        assert.equal(third, 3);
        assert.deepEqual(
          seen.map((e) => [e.seq, e.event]),
          [
            [1, "run:epoch"],
            [3, "run:epoch"],
          ],
        );
        assert.deepEqual(
          seen.map((e) => (e.event === "run:epoch" ? e.payload.epoch : null)),
          [1, 2],
        );
        assert.ok(
          errors.some((m) => m.includes("unreadable entry 2")),
          `the bad entry was logged: ${errors.join(" | ")}`,
        );
      } finally {
        unsubscribe();
      }
    });
  },
);

function epochPayload(runId: string, epoch: number) {
  return { runId, epoch, trainLoss: 120, testNegElbo: 118, testRecon: 100, testKl: 18, seconds: 1, imgPerSec: 1000 };
}
