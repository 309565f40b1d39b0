import { defineConfig, devices } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * E2E tests run against the real app server (Next.js + Socket.IO + training worker + SQLite) started by
 * `npm start` with a throwaway data folder, on a free port. On machines without Playwright's own browsers
 * (offline CI), Debian's chromium is used.
 *
 * E2E_PORT=N tests the server on port N instead, and reuses one already listening there (outside CI): for a
 * server you started yourself. Without it nothing is reused, so a stray server on some fixed port can never be
 * tested by mistake.
 */
const chosenPort = process.env.E2E_PORT;

/** A port nothing listens on now. Synchronous because the config is; asked from a child process. */
function freePort(): string {
  const script =
    "const s = require('net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); })";
  const port = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout.trim();
  if (!/^\d+$/.test(port)) throw new Error("e2e: could not find a free port (set E2E_PORT)");
  return port;
}

// Playwright loads this file again in each worker process; they inherit the environment, so all agree on the port.
process.env.E2E_PORT ??= freePort();
const PORT = Number(process.env.E2E_PORT);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "vae-e2e-"));
const debianChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 120_000,
  // a hang ends the run with Playwright's report instead of running into CI's own limit
  globalTimeout: 30 * 60_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: existsSync(debianChromium)
      ? {
          executablePath: debianChromium,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
          ],
        }
      : {},
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${PORT}/api/health`,
    // `npm start` builds the pages first when no build exists: minutes on a busy 2-core machine.
    timeout: 600_000,
    // Only the main process starts the server, and it reads E2E_PORT before setting it above.
    reuseExistingServer: chosenPort !== undefined && !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
      MAX_CONCURRENT_RUNS: "2",
      NEXT_TELEMETRY_DISABLED: "1",
      // One line per request at info: the suite's output keeps warnings and errors only.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  },
});
