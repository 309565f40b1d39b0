import { test } from "node:test";
import assert from "node:assert/strict";
import {
  checkChromium,
  checkPostgres,
  checkRedis,
  DEFAULT_TEST_PG_URL,
  SERVICES_FIX,
  withoutPassword,
} from "../../../../server/doctor/testSuiteChecks";
import { fakeProbes } from "./fakeProbes";

test("Chromium: Debian's first, then Playwright's own, else what npm test loses and two ways to fix it", () => {
  assert.match(checkChromium(fakeProbes()).found, /^\/usr\/bin\/chromium/);
  const own = checkChromium(
    fakeProbes({ fileExists: () => false, playwrightChromium: () => "/home/me/.cache/ms-playwright/chrome" }),
  );
  assert.deepEqual([own.status, own.found], ["ok", "Playwright's own Chromium (/home/me/.cache/ms-playwright/chrome)"]);
  const none = checkChromium(fakeProbes({ fileExists: () => false }));
  assert.equal(none.status, "missing");
  assert.match(none.cost!, /test:e2e/);
  assert.match(none.fix!, /apt-get install chromium.*npx playwright install chromium/);
});

test("PostgreSQL for the tests: set and answering, set and down, unset but running, unset and down", async () => {
  const url = "postgresql://u:secret@db:5432/t";
  const [up] = await checkPostgres(fakeProbes({ env: { TEST_DATABASE_URL_PG: url } }));
  assert.deepEqual([up!.status, up!.found], ["ok", "TEST_DATABASE_URL_PG answers (postgresql://u:***@db:5432/t)"]);
  const [down] = await checkPostgres(
    fakeProbes({ env: { TEST_DATABASE_URL_PG: url }, postgres: async () => "connect ECONNREFUSED" }),
  );
  assert.deepEqual([down!.status, down!.fix], ["missing", SERVICES_FIX]);
  assert.match(down!.found, /ECONNREFUSED/);
  const [unset] = await checkPostgres(fakeProbes());
  assert.equal(unset!.status, "missing");
  assert.equal(unset!.fix, `export TEST_DATABASE_URL_PG=${DEFAULT_TEST_PG_URL}`);
  assert.match(unset!.cost!, /npm test skips the PostgreSQL groups/);
  const [nothing] = await checkPostgres(fakeProbes({ postgres: async () => "ECONNREFUSED" }));
  assert.match(nothing!.fix!, /^npm run services/);
});

test("PostgreSQL for the app is checked only when DATABASE_URL points at one", async () => {
  assert.equal((await checkPostgres(fakeProbes({ env: { DATABASE_URL: "file:./data/x.db" } }))).length, 1);
  const results = await checkPostgres(
    fakeProbes({
      env: { DATABASE_URL: "postgres://a:b@h/db" },
      postgres: async (u) => (u.startsWith("postgres://") ? "timeout" : null),
    }),
  );
  assert.deepEqual(
    results.map((r) => [r.name, r.status]),
    [
      ["PostgreSQL (tests)", "missing"],
      ["PostgreSQL (app)", "missing"],
    ],
  );
});

test("Redis: REDIS_URL or the default answering, nothing there, and redis-server absent for the tests", async () => {
  const [up] = await checkRedis(fakeProbes());
  assert.deepEqual([up!.status, up!.found], ["ok", "redis://127.0.0.1:6379 answers PING (the default)"]);
  const [custom] = await checkRedis(fakeProbes({ env: { REDIS_URL: "redis://:pw@cache:6380" } }));
  assert.equal(custom!.found, "redis://:***@cache:6380 answers PING (REDIS_URL)");
  const [down] = await checkRedis(fakeProbes({ redis: async () => "connect ECONNREFUSED 127.0.0.1:6379" }));
  assert.deepEqual([down!.status, down!.fix], ["missing", SERVICES_FIX]);
  const withoutServer = await checkRedis(fakeProbes({ commandPath: () => null }));
  assert.deepEqual(
    withoutServer.map((r) => [r.name, r.status, r.fix]),
    [
      ["Redis", "ok", undefined],
      ["redis-server", "missing", "apt-get install redis-server"],
    ],
  );
});

test("passwords never reach the screen", () => {
  assert.equal(
    withoutPassword("postgresql://playground:playground@127.0.0.1:5432/x"),
    "postgresql://playground:***@127.0.0.1:5432/x",
  );
  assert.equal(withoutPassword("not a url"), "not a url");
});
