import type { CheckResult, DoctorProbes } from "./types";

/** What the full test suite and the distributed mode need besides Node: Chromium, PostgreSQL, Redis. */

/** The database `npm run services` creates, and the URL it prints. */
export const DEFAULT_TEST_PG_URL = "postgresql://playground:playground@127.0.0.1:5432/playground_test";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
/** One command for both services; the same text everywhere so the summary lists it once. */
export const SERVICES_FIX = "npm run services   (as root: starts PostgreSQL and Redis, prints the export line)";
/** playwright.config.ts prefers this one. */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** A URL without its password, for printing. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}

export function checkChromium(p: Pick<DoctorProbes, "fileExists" | "playwrightChromium">): CheckResult {
  const name = "Chromium";
  if (p.fileExists(DEBIAN_CHROMIUM)) return { name, status: "ok", found: `${DEBIAN_CHROMIUM} (the e2e tests use it)` };
  const own = p.playwrightChromium();
  if (own) return { name, status: "ok", found: `Playwright's own Chromium (${own})` };
  return {
    name,
    status: "missing",
    found: "neither Debian's chromium nor Playwright's own browser",
    cost: "npm run test:e2e, the last part of npm test, cannot start a browser",
    fix: "apt-get install chromium   (or: npx playwright install chromium)",
  };
}

const PG_TESTS =
  "npm test skips the PostgreSQL groups (repositories, migrations, HTTP API, live sessions, restarts, distributed mode)";

/** PostgreSQL for the tests (TEST_DATABASE_URL_PG) and, when DATABASE_URL points at one, for the app. */
export async function checkPostgres(p: Pick<DoctorProbes, "env" | "postgres">): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const testUrl = p.env.TEST_DATABASE_URL_PG?.trim();
  const name = "PostgreSQL (tests)";
  if (testUrl) {
    const error = await p.postgres(testUrl);
    results.push(
      error
        ? {
            name,
            status: "missing",
            found: `TEST_DATABASE_URL_PG=${withoutPassword(testUrl)} does not answer: ${error}`,
            cost: `the PostgreSQL tests fail`,
            fix: SERVICES_FIX,
          }
        : { name, status: "ok", found: `TEST_DATABASE_URL_PG answers (${withoutPassword(testUrl)})` },
    );
  } else {
    const error = await p.postgres(DEFAULT_TEST_PG_URL);
    results.push(
      error
        ? {
            name,
            status: "missing",
            found: `TEST_DATABASE_URL_PG is not set and nothing answers at ${withoutPassword(DEFAULT_TEST_PG_URL)}`,
            cost: PG_TESTS,
            fix: SERVICES_FIX,
          }
        : {
            name,
            status: "missing",
            found: `PostgreSQL answers at ${withoutPassword(DEFAULT_TEST_PG_URL)}, but TEST_DATABASE_URL_PG is not set`,
            cost: PG_TESTS,
            fix: `export TEST_DATABASE_URL_PG=${DEFAULT_TEST_PG_URL}`,
          },
    );
  }
  const appUrl = p.env.DATABASE_URL?.trim();
  if (appUrl && /^postgres(ql)?:\/\//.test(appUrl)) {
    const error = await p.postgres(appUrl);
    results.push(
      error
        ? {
            name: "PostgreSQL (app)",
            status: "missing",
            found: `DATABASE_URL=${withoutPassword(appUrl)} does not answer: ${error}`,
            cost: "npm start cannot open its database",
            fix: "npm run services, or point DATABASE_URL at a running PostgreSQL",
          }
        : { name: "PostgreSQL (app)", status: "ok", found: `DATABASE_URL answers (${withoutPassword(appUrl)})` },
    );
  }
  return results;
}

/** Redis at REDIS_URL (the distributed mode), and redis-server for the distributed-mode tests (they start their own). */
export async function checkRedis(p: Pick<DoctorProbes, "env" | "redis" | "commandPath">): Promise<CheckResult[]> {
  const url = p.env.REDIS_URL?.trim() || DEFAULT_REDIS_URL;
  const source = p.env.REDIS_URL?.trim() ? "REDIS_URL" : "the default";
  const error = await p.redis(url);
  const server = p.commandPath("redis-server");
  const results: CheckResult[] = [
    error
      ? {
          name: "Redis",
          status: "missing",
          found: `nothing answers at ${withoutPassword(url)} (${source}): ${error}`,
          cost: "the distributed mode (REDIS_URL with npm start / npm run trainer) cannot start",
          fix: SERVICES_FIX,
        }
      : { name: "Redis", status: "ok", found: `${withoutPassword(url)} answers PING (${source})` },
  ];
  if (!server) {
    results.push({
      name: "redis-server",
      status: "missing",
      found: "not installed",
      cost: "npm test skips the distributed-mode tests (they start redis-servers of their own); npm run cluster needs a running Redis",
      fix: "apt-get install redis-server",
    });
  }
  return results;
}
